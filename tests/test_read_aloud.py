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


def test_control_only_on_childrens_pages(built_site):
    assert 'class="cop-listen"' in (built_site / "children" / "under-9" / "people-online" / "index.html").read_text(encoding="utf-8")
    assert 'class="cop-listen"' in (built_site / "ar" / "children" / "13-18" / "grooming" / "index.html").read_text(encoding="utf-8")
    assert 'class="cop-listen"' not in (built_site / "parents" / "cyberbullying" / "index.html").read_text(encoding="utf-8")
    assert 'read-aloud.js' not in (built_site / "get-help" / "index.html").read_text(encoding="utf-8")
