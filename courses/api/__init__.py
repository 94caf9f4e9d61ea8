"""The courses API: courses, lessons, quizzes and attempts, the policy, and progress."""

from ninja import Router

from courses.api import learning, policies, quizzes

router = Router()
router.add_router("", learning.router)
router.add_router("", quizzes.router)
router.add_router("", policies.router)

__all__ = ["router"]
