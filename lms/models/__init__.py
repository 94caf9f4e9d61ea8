"""The organisation (departments, employees), integration tokens and the home page."""

from .org import Department, Employee
from .pages import HomePage
from .tokens import ApiToken, TokenScope

__all__ = ["ApiToken", "Department", "Employee", "HomePage", "TokenScope"]
