"""Showing lists of problems: one readable line each, their text kept literal."""

import streamlit as st

from geo.escaping import markdown_text
from geo.problems import Problem, ProblemsError
from geo.wording import counted


def _line(problem: Problem, by_field: bool) -> str:
    if by_field and problem.field:
        return f"**{markdown_text(problem.field)}**: {markdown_text(problem.message)}"
    return markdown_text(problem.message if by_field else problem)


def show_problems(error: ProblemsError, intro: str, *, by_field: bool = False) -> None:
    """An error box saying what happened, then every problem as its own line.

    ``by_field`` names only the field (for a one-row form); otherwise each line
    says which file, row or feature, and field, the problem is in.
    """
    st.error(f"{intro} {counted(len(error.problems), 'thing')} to fix:")
    st.markdown(
        "\n".join(f"- {_line(problem, by_field)}" for problem in error.problems)
    )
