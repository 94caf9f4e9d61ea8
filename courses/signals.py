"""Events other apps listen to. Each is sent synchronously, inside the transaction that causes it,
so a receiver's writes commit or roll back with the record itself.

- ``lesson_completed(sender=LessonCompletion, user, lesson)``: a lesson was marked done (once).
- ``quiz_attempted(sender=QuizAttempt, attempt)``: a graded attempt was recorded (once per
  submission key); ``attempt.passed`` says how it went.
- ``course_completed(sender=CourseCompletion, user, course)``: every lesson done and the quiz
  passed (once per person and course).
- ``policy_accepted(sender=PolicyAcceptance, user, policy, version)``: a person accepted a policy
  version (``policy`` is the PolicyPage, ``version`` the PolicyVersion).
- ``policy_version_published(sender=PolicyVersion, version)``: a publication asked everyone to
  accept the policy again (version 2 and later; the first publication sends nothing).
"""

from django.dispatch import Signal

lesson_completed = Signal()
quiz_attempted = Signal()
course_completed = Signal()
policy_accepted = Signal()
policy_version_published = Signal()
