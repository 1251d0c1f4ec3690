"""Browser tests: Playwright driving Debian's chromium against Django's live server.

No browser is downloaded: scripts/test installs Debian's ``chromium`` when it is missing. Outside
CI a missing chromium skips these tests; in CI (CI=true) it fails them.

Screenshots go to ``var/ci-artifacts/screenshots/`` (``E2E_SCREENSHOTS`` overrides it), the folder CI
keeps: ``<test>--<step>.png`` at the key steps of a journey (``screenshot(page, "step")``) and
``<test>.png`` of every page still open when a test ends, passed or failed.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(
    os.environ.get("E2E_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "ci-artifacts" / "screenshots")
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One chromium per test module. Not per session: Playwright's sync API keeps an asyncio loop
    running while it is open, and pytest-django runs database-free tests (e.g. PDF sealing, which
    calls asyncio.run) after the transactional browser tests."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"chromium not found at {CHROMIUM}: CI must run the browser tests")
        pytest.skip("chromium is not installed (sudo apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server, request) -> Iterator[Callable[..., object]]:
    """Opens pages in fresh browser contexts (another person on another computer); each is
    screenshotted and closed when the test ends, which fails if the Content-Security-Policy blocked
    anything on any of them."""
    opened: list[tuple[object, object, str]] = []
    # Chromium reports what the Content-Security-Policy blocks as console errors ("Refused to ...").
    csp_violations: list[str] = []

    def open_page(*, locale: str = "fr-FR", name: str = "", phone: bool = False) -> object:
        viewport = {"width": 390, "height": 844} if phone else {"width": 1200, "height": 850}
        context = browser.new_context(locale=locale, viewport=viewport, is_mobile=phone, has_touch=phone)
        context.set_default_timeout(30_000)  # generous: CI machines have 2 cores and run other tests too
        expect.set_options(timeout=30_000)
        page = context.new_page()
        page.base_url = live_server.url
        page.test_name = request.node.name
        page.on(
            "console",
            lambda m: "Content Security Policy" in m.text and csp_violations.append(f"{page.url}: {m.text}"),
        )
        opened.append((context, page, name))
        return page

    yield open_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for context, page, name in opened:
        suffix = f"--{name}" if name else ""
        page.screenshot(path=str(SCREENSHOTS / f"{_safe(request.node.name)}{suffix}.png"), full_page=True)
        context.close()
    assert not csp_violations, "blocked by the Content-Security-Policy:\n" + "\n".join(csp_violations)


@pytest.fixture
def page(new_page) -> object:
    return new_page()


def _safe(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name).strip("_")


def screenshot(page, step: str) -> Path:
    """A named screenshot of a key step, kept by CI: <test>--<step>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{_safe(getattr(page, 'test_name', 'page'))}--{_safe(step)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page, email: str, password: str = "correct horse battery") -> None:
    """Sign in with the keyboard only, as a person would, for every persona.

    People with an authenticator type its code, computed here from their TOTP secret as their phone would
    (a code is accepted once, so a second sign-in within 30 s falls back to the next window's code).
    Privileged people without one enrol it first, reading the secret the page shows, as a phone app would.
    """
    from django.contrib.auth import get_user_model

    from tests.factories import totp_code

    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("E-mail").or_(page.get_by_label("Adresse e-mail")).first.fill(email)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if "/accounts/2fa/authenticate/" in page.url:
        user = get_user_model().objects.get(email__iexact=email)
        for step in (0, 1, -1):
            code_field = page.locator("input[name=code]")
            code_field.fill(totp_code(user, step))
            code_field.press("Enter")
            page.wait_for_load_state()
            if "/accounts/2fa/authenticate/" not in page.url:
                break
    if "/accounts/2fa/totp/activate/" in page.url:
        secret = page.locator("#authenticator_secret").input_value()
        code_field = page.locator("input[name=code]")
        code_field.fill(_code_from_secret(secret))
        code_field.press("Enter")
        page.wait_for_url(lambda url: "/accounts/2fa/totp/activate/" not in url)
        page.goto(page.base_url + "/")
    page.wait_for_url(page.base_url + "/")


def _code_from_secret(secret: str) -> str:
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def assert_accessible(page, name: str) -> None:
    """axe-core finds no serious or critical violation on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, f"{name}: " + "; ".join(f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in bad)
