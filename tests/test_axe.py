"""One page of each kind in each language, opened offline in a real browser and audited.

Debian's Chromium, driven by Playwright, opens each page: axe-core (WCAG 2.1 A and AA) finds no
violation, no console error is logged, no request leaves the machine and every image loads.
Needs Debian's chromium (``apt-get install chromium``). Under CI (CI=true) the test must run;
elsewhere it is skipped with a message when chromium is missing. The HTML of every page is read
by test_browser's parser checks; the explorer is audited, as a reader filters it, by
test_explorer.
"""

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.slow
WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
"""axe-core's options: the WCAG 2.1 A and AA rules. Every violation is reported in full; the
passes, the rules that do not apply and those left to a person are summarised by axe instead of
listing every element (a quarter of the audit's time)."""
WCAG_TWIN = WCAG | {"rules": {"color-contrast": {"enabled": False}}}
"""The same rules for a page's Russian twin but colour contrast, which depends only on the
colours and text sizes of the one style sheet both languages share, and is audited on the English
page of each kind. The rule is half of an audit's time."""
AXE_PAGES = (
    "index.html",
    "ru/index.html",
    "country_profile_UZB.html",
    "ru/country_profile_UZB.html",
    "data_dictionary.html",
    "ru/data_dictionary.html",
)
"""One page of each kind in each language, opened in the browser and audited by axe (1 to 6 s
a page): the front page, a report (Uzbekistan's profile, the shortest: every report has the
same template) and the data dictionary; the explorer is audited in both languages, as a reader
filters it, by test_explorer. The parser checks (test_browser) and the Nu HTML Checker
(test_explorer) read every page of both languages."""


@pytest.mark.parametrize("page_name", AXE_PAGES)
def test_one_page_of_each_kind_passes_axe_in_a_browser_offline(browser, built_site, page_name):
    from axe_playwright_python.sync_playwright import Axe

    path = built_site / page_name
    page = browser.new_page()
    errors: list[str] = []
    remote: list[str] = []

    def guard(route):
        if urlparse(route.request.url).scheme in ("file", "data"):
            route.continue_()
        else:
            remote.append(route.request.url)
            route.abort()

    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda x: errors.append(str(x)))
    page.route("**/*", guard)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    images = page.eval_on_selector_all("img", "els => els.map(e => e.naturalWidth)")
    result = Axe().run(page, options=WCAG_TWIN if page_name.startswith("ru/") else WCAG)
    page.close()
    assert not errors and not remote, (path, errors, remote)
    assert all(width > 0 for width in images), path
    assert result.violations_count == 0, f"{path}:\n{result.generate_report()}"
