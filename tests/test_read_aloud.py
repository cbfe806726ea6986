"""Read aloud on children's pages (issue 20): the browser's own speech synthesis, in the page's
language, sentence by sentence with the sentence marked, pausable; hidden when the device has no
voice for the language. The speech API is stubbed: the test records what would be spoken."""
from __future__ import annotations

import pytest

from copsite import registry

LANGS = registry.codes(include_draft=False)

STUB = """
(() => {
  const voices = %s;
  window.__spoken = []; window.__calls = [];
  class Utterance { constructor(text) { this.text = text; this.lang = ''; this.voice = null; this.onend = null; } }
  window.SpeechSynthesisUtterance = Utterance;
  const synth = {
    speaking: false, paused: false,
    getVoices() { return voices; },
    speak(u) { window.__spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.lang}); window.__last = u; },
    pause() { window.__calls.push('pause'); }, resume() { window.__calls.push('resume'); },
    cancel() { window.__calls.push('cancel'); },
    addEventListener() {}, onvoiceschanged: null,
  };
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
  window.__next = () => { const u = window.__last; if (u && u.onend) u.onend(); };
})();
"""


def _page(browser, server, code, voices: str, path="children/under-9/people-online/"):
    ctx = browser.new_context()
    ctx.add_init_script(STUB % voices)
    pg = ctx.new_page()
    pg.goto(f"{server.url}/{registry.language(code).prefix}{path}")
    pg.wait_for_load_state("load")
    return ctx, pg


@pytest.mark.browser
@pytest.mark.parametrize("code", LANGS)
def test_listen_reads_the_page_in_its_language(server, browser, code):
    tag = registry.language(code).html_tag
    ctx, pg = _page(browser, server, code, f'[{{"lang": "{tag}-XX", "name": "a voice"}}, {{"lang": "xx-YY", "name": "other"}}]')
    try:
        control = pg.locator(".cop-listen")
        assert control.is_visible(), code
        play = pg.locator(".cop-listen__play")
        play.click()
        spoken = pg.evaluate("window.__spoken")
        assert spoken and spoken[0]["voice"].startswith(tag), (code, spoken)
        title = pg.locator("article h1").inner_text().strip()
        assert spoken[0]["text"].strip() == title, (code, spoken[0], title)   # the page, from its title on
        assert pg.locator(".cop-reading").count() == 1                       # the sentence being read is marked
        pg.evaluate("window.__next()")
        assert len(pg.evaluate("window.__spoken")) == 2                      # then the next sentence
        play.click()                                                          # pause
        assert pg.evaluate("window.__calls").count("pause") == 1
        assert play.get_attribute("aria-pressed") == "false"
        play.click()                                                          # resume
        assert "resume" in pg.evaluate("window.__calls")
        pg.locator(".cop-listen__stop").click()
        assert pg.locator(".cop-reading").count() == 0
    finally:
        ctx.close()


@pytest.mark.browser
def test_no_control_without_a_voice_for_the_language(server, browser):
    ctx, pg = _page(browser, server, "fr", '[{"lang": "en-US", "name": "English only"}]')
    try:
        assert pg.locator(".cop-listen").count() == 1 and not pg.locator(".cop-listen").is_visible()
    finally:
        ctx.close()


@pytest.mark.browser
def test_no_control_without_speech_synthesis(server, browser):
    ctx = browser.new_context()
    ctx.add_init_script("Object.defineProperty(window, 'speechSynthesis', {value: undefined, configurable: true});")
    pg = ctx.new_page()
    try:
        pg.goto(f"{server.url}/children/under-9/people-online/")
        assert not pg.locator(".cop-listen").is_visible()
    finally:
        ctx.close()


def test_control_on_every_page_the_reader_chooses(built_site):
    """Children's pages load the reader at once; every other page only a small script that shows the
    control and fetches the reader when it is pressed. Not on pages shown in English as a fallback."""
    story = (built_site / "children" / "under-9" / "people-online" / "index.html").read_text(encoding="utf-8")
    assert 'class="cop-listen"' in story and "read-aloud.js" in story and "listen.js" not in story
    for rel in ("parents/cyberbullying", "ar/policy/why-a-strategy", "countries/mn", "fr/about"):
        html = (built_site / rel / "index.html").read_text(encoding="utf-8")
        assert 'class="cop-listen"' in html and "listen.js" in html and "read-aloud.js" not in html, rel
    fallback = (built_site / "mn" / "industry" / "csam" / "index.html").read_text(encoding="utf-8")
    assert 'class="cop-listen"' not in fallback
    # not read out loud where someone nearby could hear what a reader is hiding (pages with the quick exit)
    for rel in ("get-help", "zh/parents/grooming-and-sextortion"):
        assert 'class="cop-listen"' not in (built_site / rel / "index.html").read_text(encoding="utf-8"), rel


@pytest.mark.browser
@pytest.mark.parametrize("code", ["fr", "ar"])
def test_listen_on_a_page_for_adults_fetches_the_reader_when_pressed(server, browser, code):
    tag = registry.language(code).html_tag
    ctx, pg = _page(browser, server, code, f'[{{"lang": "{tag}-XX", "name": "a voice"}}]', path="parents/cyberbullying/")
    try:
        requests = []
        pg.on("request", lambda r: requests.append(r.url))
        assert pg.locator(".cop-listen").is_visible()
        assert not any("read-aloud.js" in u for u in requests)
        pg.locator(".cop-listen__play").click()
        for _ in range(100):  # (wait_for_function would evaluate a string, which the page's policy forbids)
            if pg.evaluate("window.__spoken.length"):
                break
            pg.wait_for_timeout(100)
        spoken = pg.evaluate("window.__spoken")
        assert spoken[0]["text"].strip() == pg.locator("article h1").inner_text().strip()
        assert spoken[0]["voice"].startswith(tag)
        assert any("read-aloud.js" in u for u in requests)
    finally:
        ctx.close()
