"""What a user states about an uploaded CSV: its text encoding and its date order."""

from streamlit.delta_generator import DeltaGenerator

from geo.report_csv import DateOrder, TextEncoding


def encoding_picker(column: DeltaGenerator, label: str, key: str) -> TextEncoding:
    """The encoding the user says the file is in (a byte-order mark wins)."""
    return column.selectbox(
        label,
        list(TextEncoding),
        format_func=lambda choice: TextEncoding(choice).label,
        key=key,
        help="A byte-order mark in the file overrides this choice.",
    )


def date_order_picker(column: DeltaGenerator, label: str, key: str) -> DateOrder:
    """The order the user says the file writes its days in; nothing is guessed."""
    return column.radio(
        label,
        list(DateOrder),
        format_func=lambda order: DateOrder(order).label,
        horizontal=True,
        key=key,
    )
