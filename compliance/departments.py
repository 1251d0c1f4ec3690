"""The department a check is counted under: its code only, never the person."""

from __future__ import annotations

from typing import Any

from policy_portal.selectors import employee_for_user


def department_code_of(user: Any) -> str:
    employee = employee_for_user(user)
    return employee.department.code if employee is not None and employee.department is not None else ""
