"""HTML injection through the description is inert (run by scripts/browser-test.sh).

INJECTION_URL serves the site built from Tests/APIRefKitTests/Fixtures/injection, whose
titles, descriptions, prose, parameter names and formats, enum values, status reasons, version
notes, sample values and sample file name all carry payloads that set `window.__pwned` if they
ever run. The test loads every page in Chromium with JavaScript on, and checks the DOM.
"""
import os
import unittest

from selenium.webdriver.common.by import By

from test_site import browser

SITE = os.environ.get("INJECTION_URL", "http://127.0.0.1:8001/").rstrip("/") + "/"
PAGES = ["index.html", "items.html", "history.html", "index.html?mv=1.0", "items.html?mv=1.1"]


class InjectionTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.driver = browser()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    def test_payloads_never_run_and_never_become_elements(self):
        d = self.driver
        for page in PAGES:
            with self.subTest(page=page):
                d.get(SITE + page)
                # Give onerror/onload handlers a moment to fire if they exist.
                d.execute_script("return new Promise(r => setTimeout(r, 300))")
                self.assertIsNone(d.execute_script("return window.__pwned === undefined ? null : window.__pwned"))
                for selector in ["img[onerror]", "svg[onload]", "iframe", "b[onmouseover]", "a[href^='javascript']",
                                 "[onerror]", "[onload]", "[onmouseover]"]:
                    self.assertEqual(d.find_elements(By.CSS_SELECTOR, selector), [], f"{selector} on {page}")
                scripts = [s.get_attribute("innerHTML") or "" for s in d.find_elements(By.TAG_NAME, "script")]
                self.assertFalse(any("__pwned" in s for s in scripts), f"a payload became a script on {page}")

    def test_payload_text_is_shown_as_text(self):
        d = self.driver
        d.get(SITE + "items.html")
        body = d.find_element(By.TAG_NAME, "body").text
        self.assertIn("<script>window.__pwned=1</script>", body)
        self.assertIn('onerror="window.__pwned=2"', body)


if __name__ == "__main__":
    unittest.main(verbosity=2)
