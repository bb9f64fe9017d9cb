import html
import json

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.escaping import (
    PLAIN_WEB_ADDRESS,
    _problem_in_full,
    html_text,
    is_web_url,
    link_html,
    script_json,
)


def test_html_text_neutralises_markup_and_template_literal_characters():
    hostile = "<script>x</script><img src=x onerror=alert(1)> `${alert(1)}` \\"

    escaped = html_text(hostile)

    for live in ("<", ">", "`", "$", "\\"):
        assert live not in escaped
    assert "&lt;script&gt;" in escaped
    assert "&#36;{alert(1)}" in escaped


@settings(max_examples=300)
@given(st.lists(st.text(alphabet=st.sampled_from("a<>&\"'`$\\;#x é")) | st.text()))
def test_html_text_is_the_standard_escape_plus_template_literal_characters(texts):
    """``html_text`` replaces entity by entity (faster than ``html.escape``); it
    must give what the standard library's HTML escape with quotes gives, plus
    the three characters a template literal would run."""
    literal = {"`": "&#96;", "$": "&#36;", "\\": "&#92;"}
    standard = [
        html.escape(text, quote=True).translate(str.maketrans(literal))
        for text in texts
    ]

    assert [html_text(text) for text in texts] == standard


def test_only_http_urls_become_links():
    assert link_html("https://example.org/a?b=1&c=2", "Src") == (
        '<a href="https://example.org/a?b=1&amp;c=2" target="_blank" '
        'rel="noopener noreferrer nofollow">Src</a>'
    )
    for url in (
        "javascript:alert(1)",
        "data:text/html,x",
        "//evil.org",
        "ftp://x",
        "http://",
        " javascript:alert(1)",
        "http://exa mple.org",
    ):
        assert not is_web_url(url)
        assert "<a" not in link_html(url, "Src")


def test_link_label_and_quotes_in_url_are_escaped():
    link = link_html('https://example.org/"onmouseover="alert(1)', "<b>x</b>")

    assert '"onmouseover' not in link
    assert "&lt;b&gt;" in link


def test_script_json_round_trips_and_cannot_close_a_script_tag():
    value = {"note": "</script><script>alert(1)</script> `${x}` \u2028"}

    encoded = script_json(value)

    assert "</script" not in encoded
    assert "`" not in encoded
    assert "$" not in encoded
    assert json.loads(encoded) == value


def test_addresses_with_invisible_formatting_characters_are_never_linked():
    for hidden in ("\u202e", "\u200b", "\u2066", "\ufeff", "\u00ad"):
        url = f"https://news.example/{hidden}story"
        assert not is_web_url(url)
        assert "<a" not in link_html(url, "Src")
    assert is_web_url("https://news.example/قصة")


@settings(max_examples=500)
@given(
    st.sampled_from(["http://", "https://", "HTTPS://", "hTtP://", "ftp://", "http:/"]),
    st.text(
        alphabet=st.sampled_from(
            [*"az09./?#:@[]%\\^`{|}~-_!$&'()*+,;=", " ", "\t", "\u202e", "é"]
        ),
        max_size=12,
    ),
)
def test_a_plain_address_is_one_the_full_check_accepts(scheme, rest):
    """The shortcut for plain addresses never links one the full check refuses."""
    address = scheme + rest
    if PLAIN_WEB_ADDRESS.fullmatch(address):
        assert _problem_in_full(address) is None


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["http://", "https://", "HTTPS://", "httpſ://", "http:/"]),
            st.text(
                alphabet=st.sampled_from(
                    [*"az09./?#:@[]%\\^`{|}~-_!\"$&'()*+,;=", " ", "\t", "é", "K"]
                ),
                max_size=12,
            ),
        ).map("".join),
        min_size=1,
        max_size=40,
    )
)
def test_a_whole_column_of_addresses_is_judged_as_each_address_is(addresses):
    """Report checks run the plain-address rule on a column at once, with Arrow."""
    column = pd.Series(addresses, dtype="str")

    at_once = column.str.fullmatch(PLAIN_WEB_ADDRESS.pattern).tolist()

    assert at_once == [bool(PLAIN_WEB_ADDRESS.fullmatch(url)) for url in addresses]
