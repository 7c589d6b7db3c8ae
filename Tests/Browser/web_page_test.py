"""The shop owner's web page, driven in headless Chromium (Debian's) by Playwright.

Run by WebPageBrowserTests (Tests/MibaraiCLITests/Web/) against a real `mibarai serve`:

    python web_page_test.py BASE_URL PASSWORD SHIFT_JIS_CSV ARTEFACT_DIR

Each step asserts what a shop owner would see; a failed step exits non-zero with its name.
Screenshots of every page go to ARTEFACT_DIR (also at a 375-pixel-wide window).
"""
import pathlib
import sys

from playwright.sync_api import sync_playwright, expect

BASE, PASSWORD, CSV_PATH, ARTEFACTS = sys.argv[1], sys.argv[2], sys.argv[3], pathlib.Path(sys.argv[4])
ARTEFACTS.mkdir(parents=True, exist_ok=True)

# A customer typed one way in the report and another way in the order (full-width digits, no
# hyphens, an old kanji form of the town, a full-width space): the normaliser must join them.
REPORTED = {"name": "見本 花子", "phone": "080-2468-1357", "address": "東京都江東区古石場2-29-16 カナリアハイツ1203"}
ORDERED = {"name": "見本　花子", "phone": "０８０２４６８１３５７", "address": "東京都江東区古石場２丁目２９番１６号カナリアハイツ１２０３号室"}

PAGES = ["/", "/check", "/csv", "/reports", "/reports/new", "/cases", "/cases/new", "/contacts", "/guide", "/settings"]


def step(name):
    print(f"step: {name}", flush=True)


def unlabelled_fields(page):
    """Visible form fields with no label (label[for], a wrapping label, or aria-label)."""
    return page.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
        .filter(e => e.type !== 'hidden' && e.type !== 'submit')
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
        .map(e => e.name || e.id)""")


def overflow(page):
    """How many pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    context = browser.new_context(locale="ja-JP", accept_downloads=True)
    page = context.new_page()
    # Script errors and CSP violations; an HTTP error status the test asks for (a wrong password's
    # 401, a refused form's 422) is logged by Chromium as "Failed to load resource" and is not one.
    console_errors = []
    page.on("console", lambda m: console_errors.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    page.on("pageerror", lambda e: console_errors.append(str(e)))

    step("a page needs the password")
    page.goto(BASE + "/reports")
    expect(page).to_have_url(BASE + "/login")
    page.screenshot(path=ARTEFACTS / "login.png", full_page=True)

    step("a wrong password is refused")
    page.fill("#password", "not the password")
    page.click("button[type=submit]")
    expect(page.locator(".error")).to_contain_text("パスワードが違います")
    expect(page).to_have_url(BASE + "/login")

    step("sign in")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(BASE + "/")
    expect(page.locator("h1")).to_have_text("ホーム")
    cookie = [c for c in context.cookies() if c["name"] == "mibarai_session"][0]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict", cookie

    step("record a report")
    page.goto(BASE + "/reports/new")
    page.select_option("#category", "non-payment")
    page.fill("#amount", "¥12,800")
    for field, value in REPORTED.items():
        page.fill("#" + field, value)
    page.click("button[type=submit]:has-text('記録する')")
    expect(page.locator(".flash")).to_contain_text("報告を記録しました")
    report_url = page.url.split("?")[0]
    report_id = page.locator("#report-id").inner_text()
    page.screenshot(path=ARTEFACTS / "report.png", full_page=True)

    step("correct the report's amount and incident date; a bad date is refused with its field named")
    page.fill("#fix_incident_date", "2026-11-01")
    page.fill("#fix_amount", "12800")
    page.click("form[action$='/correct'] button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("訂正しました")
    expect(page.locator("body")).to_contain_text("2026-11-01")
    page.evaluate("() => { document.getElementById('fix_order_date').type = 'text'; }")
    page.fill("#fix_order_date", "2026-13-45")
    page.click("form[action$='/correct'] button[type=submit]")
    expect(page.locator(".error")).to_contain_text("「注文日」 の日付が不正です")

    step("a report with a bad amount is refused with the field named, and nothing is recorded")
    page.goto(BASE + "/reports/new")
    page.fill("#amount", "-5")
    page.fill("#phone", "080-1111-2222")
    page.click("button[type=submit]:has-text('記録する')")
    expect(page.locator(".error")).to_contain_text("「金額 (円)」")
    page.goto(BASE + "/reports")
    expect(page.locator("#reports tbody tr")).to_have_count(1)

    step("check an order typed differently: the report matches")
    page.goto(BASE + "/check")
    for field, value in ORDERED.items():
        page.fill("#" + field, value)
    page.select_option("#payment", "postpay")
    page.click("button[type=submit]:has-text('チェックする')")
    expect(page.locator("#decision")).to_be_visible()
    expect(page.locator("#matches li")).to_have_count(1)
    expect(page.locator("#matches")).to_contain_text("¥12,800")
    expect(page.locator("#result")).to_contain_text("確認の電話")
    page.screenshot(path=ARTEFACTS / "check.png", full_page=True)

    step("upload a Shift_JIS CSV and download the annotated file in Shift_JIS")
    page.goto(BASE + "/csv")
    page.set_input_files("#file", CSV_PATH)
    page.click("button[type=submit]:has-text('チェックする')")
    expect(page.locator("#done")).to_be_visible(timeout=60_000)
    expect(page.locator("#results tbody tr").first).to_be_visible()
    page.screenshot(path=ARTEFACTS / "csv.png", full_page=True)
    page.select_option("#decision", "pass")
    page.click("button[type=submit]:has-text('絞り込む')")
    expect(page.locator("#results .decision.pass").first).to_be_visible()
    with page.expect_download() as info:
        page.click("#download")
    annotated = pathlib.Path(info.value.path()).read_bytes()
    original = pathlib.Path(CSV_PATH).read_bytes()
    text = annotated.decode("cp932")  # fails if the file came back in another encoding
    header = text.split("\r\n")[0]
    assert header.endswith("mibarai_score,mibarai_decision,mibarai_reasons"), header
    assert header.startswith(original.decode("cp932").split("\r\n")[0].split("\n")[0]), header
    assert not annotated.startswith(b"\xef\xbb\xbf")
    (ARTEFACTS / "annotated.csv").write_bytes(annotated)

    step("open a case from the report, log two events, print the letter")
    page.goto(report_url)
    page.click("text=この報告から案件を開始")
    expect(page.locator("#from_report")).to_have_value(report_id)
    page.fill("#amount", "12800")
    page.click("button[type=submit]:has-text('開始する')")
    expect(page.locator(".flash")).to_contain_text("案件を開始しました")
    case_url = page.url.split("?")[0]
    page.select_option("#kind", "mail-sent")
    page.click("button[type=submit]:has-text('記録する')")
    expect(page.locator(".flash")).to_contain_text("出来事を記録しました")
    page.select_option("#kind", "payment")
    page.fill("#amount", "2800")
    page.click("button[type=submit]:has-text('記録する')")
    expect(page.locator("#timeline li")).to_have_count(3)
    expect(page.locator("#outstanding")).to_have_text("¥10,000")
    page.screenshot(path=ARTEFACTS / "case.png", full_page=True)
    with page.expect_download() as info:
        page.click("#evidence")
    evidence = pathlib.Path(info.value.path()).read_text(encoding="utf-8")
    assert "<html" in evidence and "12,800" in evidence, evidence[:400]
    page.click("#letter-link")
    expect(page.locator("#letter-text")).to_contain_text("10,000")
    # The one script: the button calls window.print() (counted here; headless Chromium would
    # otherwise stay in its print state). Then the page as printed: the letter without the menu.
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.click("#print")
    assert page.evaluate("() => window.printed") == 1, "the print button does not print"
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible(), "the menu is printed"
    assert page.locator("#letter-text").is_visible()
    page.pdf(path=str(ARTEFACTS / "letter.pdf"))
    page.emulate_media(media="screen")
    page.screenshot(path=ARTEFACTS / "letter.png", full_page=True)
    with page.expect_download() as info:
        page.click("a[download]")
    assert "10,000" in pathlib.Path(info.value.path()).read_text(encoding="utf-8")
    page.goto(case_url + "/letter?stage=formal-demand&layout=20x26")
    expect(page.locator("#naiyo-check")).to_contain_text("内容証明の制限内です (20字×26行")
    # The grid's own rules (a pair of brackets counts one …) are checked by the page's checker,
    # whose verdict is shown above; here: the text is laid out in short lines.
    grid = [line for line in page.locator("#letter-text").inner_text().split("\n") if line.strip()]
    assert len(grid) > 10 and max(len(line) for line in grid) <= 26, grid[:5]
    page.screenshot(path=ARTEFACTS / "naiyo-shomei.png", full_page=True)

    step("the case opened from the report links to it")
    page.goto(case_url)
    expect(page.locator(f"a[href='/reports/{report_id}']")).to_be_visible()

    step("a form without the CSRF token is refused and changes nothing")
    answer = page.request.post(report_url + "/withdraw", form={"reason": "forged"}, max_redirects=0)
    assert answer.status == 403, answer.status
    page.goto(report_url)
    expect(page.locator("#report-status")).to_have_text("未解決")

    step("withdraw the report")
    page.fill("#reason", "入金を確認")
    page.click("button.danger")
    expect(page.locator(".flash")).to_contain_text("取り下げました")
    expect(page.locator("#report-status")).to_have_text("取下げ")

    step("a foreign Host header is refused (DNS rebinding)")
    answer = page.request.get(BASE + "/", headers={"Host": "rebind.example:" + BASE.rsplit(":", 1)[1]}, max_redirects=0)
    assert answer.status == 421, answer.status
    assert "default-src 'none'" in answer.headers["content-security-policy"]

    step("every page: labelled fields, no script errors, fits a 375-pixel window; English too")
    for lang in ["ja", "en"]:
        for path in PAGES + [report_url[len(BASE):], case_url[len(BASE):]]:
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(BASE + path + ("?lang=en" if lang == "en" and path == "/" else ""))
            assert page.locator("html").get_attribute("lang") == lang, (path, lang)
            missing = unlabelled_fields(page)
            assert not missing, (path, missing)
            page.set_viewport_size({"width": 375, "height": 800})
            name = (path.strip("/").replace("/", "-") or "home")
            if len(name) > 40:
                name = name.split("-")[0] + "-detail"
            page.screenshot(path=ARTEFACTS / f"{name}-{lang}-375.png", full_page=True)
            wide = page.evaluate("""() => [...document.querySelectorAll('main *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.scroll'))
                .map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className).slice(0, 5)""")
            assert overflow(page) <= 0, (path, overflow(page), wide)
    assert not console_errors, console_errors

    step("a case with money still owed cannot close as paid; it closes as settled")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(case_url + "?lang=ja")
    page.select_option("#outcome", "paid")
    page.click("form[action$='/close'] button[type=submit]")
    expect(page.locator(".error")).to_contain_text("まだ ¥10,000 が未払いです")
    page.select_option("#outcome", "settled")
    page.click("form[action$='/close'] button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("案件を終えました")
    expect(page.locator("form[action$='/events']")).to_have_count(0)

    step("sign out")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(BASE + "/?lang=ja")
    page.click("form.signout button")
    expect(page).to_have_url(BASE + "/login")
    page.goto(BASE + "/reports")
    expect(page).to_have_url(BASE + "/login")

    browser.close()
print("all steps passed")
