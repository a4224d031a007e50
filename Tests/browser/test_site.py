"""Browser test of the demo site in headless Chromium (run by scripts/browser-test.sh).

SITE_URL is where the built demo site is served (http://127.0.0.1:PORT/). Screenshots go to
SCREENSHOT_DIR (default /tmp).
"""
import os
import sys
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

SITE = os.environ.get("SITE_URL", "http://127.0.0.1:8000/").rstrip("/") + "/"
SHOTS = os.environ.get("SCREENSHOT_DIR", "/tmp")


def browser(width=1440, height=1000, javascript=True, dark=False):
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", f"--window-size={width},{height}"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver_path = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    if width < 600:
        # Headless windows are at least 500 pixels wide: emulate the phone instead.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})
    if dark:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                               {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    return driver


def row(driver, anchor):
    return driver.find_element(By.ID, anchor)


class VersionViewTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.driver = browser()
        cls.wait = WebDriverWait(cls.driver, 10)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    def choose(self, version):
        Select(self.driver.find_element(By.ID, "mv")).select_by_value(version)

    def test_older_version_hides_later_field_and_shows_removed_one(self):
        d = self.driver
        d.get(SITE + "instances.html")
        tags = "show-instance-resp-instance.tags"          # new in 1.3
        labels = "show-instance-resp-instance.labels"      # new in 1.6
        hostname = "show-instance-resp-instance.hostname"  # until 1.6
        # All versions: everything shows.
        for anchor in (tags, labels, hostname):
            self.assertTrue(row(d, anchor).is_displayed(), anchor)

        self.choose("1.3")
        self.assertTrue(row(d, tags).is_displayed())
        self.assertFalse(row(d, labels).is_displayed(), "a field added in 1.6 shows at 1.3")
        self.assertTrue(row(d, hostname).is_displayed(), "a field removed after 1.6 is hidden at 1.3")
        self.assertIn("mv=1.3", d.current_url)
        self.assertTrue(d.find_element(By.ID, "mv-banner").is_displayed())
        self.assertIn("db 1.3", d.find_element(By.CSS_SELECTOR, "[data-mv-header]").text)

        self.choose("1.7")
        self.assertFalse(row(d, hostname).is_displayed(), "a field removed in 1.7 shows at 1.7")
        self.assertTrue(row(d, labels).is_displayed())
        self.assertTrue(d.find_element(By.ID, "list-instance-security-groups").is_displayed())

        # 1.10 > 1.9: numeric comparison, not text.
        self.choose("1.10")
        self.assertFalse(d.find_element(By.ID, "list-instance-security-groups").is_displayed())
        self.assertFalse(row(d, "show-instance-resp-instance.configuration_id").is_displayed())
        self.choose("1.11")
        self.assertTrue(row(d, "show-instance-resp-instance.configuration_id").is_displayed())

        # Exactly one response sample per endpoint is left, and it is open.
        shown = [s for s in d.find_elements(By.CSS_SELECTOR, "#show-instance details.sample") if s.is_displayed()]
        self.assertEqual(len(shown), 1)
        self.assertEqual(shown[0].get_attribute("open"), "true")
        self.assertIn("1.11", shown[0].find_element(By.CLASS_NAME, "sample-version").text)

        self.choose("")
        self.assertNotIn("mv=", d.current_url)
        self.assertTrue(row(d, hostname).is_displayed())
        self.assertTrue(row(d, labels).is_displayed())

    def test_mv_in_the_url_restores_the_choice_and_links_keep_it(self):
        d = self.driver
        d.get(SITE + "instances.html?mv=1.2")
        self.assertEqual(Select(d.find_element(By.ID, "mv")).first_selected_option.get_attribute("value"), "1.2")
        self.assertFalse(row(d, "show-instance-resp-instance.tags").is_displayed())
        self.assertTrue(row(d, "show-instance-resp-instance.addresses").is_displayed())
        d.save_screenshot(os.path.join(SHOTS, "apiref-version-1.2.png"))

        # The sidebar is built from navigation.js around the page's own entry, in page order.
        items = d.find_elements(By.CSS_SELECTOR, "[data-site-nav] > .nav-item")
        self.assertEqual(len(items), 6)
        self.assertEqual(len(d.find_elements(By.CSS_SELECTOR, "[data-site-nav] > .nav-item.current")), 1)
        self.assertTrue(d.find_element(By.CSS_SELECTOR, ".nav-item.current .nav-endpoints a").is_displayed())
        self.assertFalse(d.find_element(By.CSS_SELECTOR, "[data-nav-all]").is_displayed())
        d.find_element(By.CSS_SELECTOR, ".sidebar a[href*='flavors.html']").click()
        self.wait.until(EC.url_contains("flavors.html"))
        self.assertIn("mv=1.2", d.current_url)
        self.assertEqual(Select(d.find_element(By.ID, "mv")).first_selected_option.get_attribute("value"), "1.2")
        self.assertTrue(row(d, "list-flavors-resp-flavors.ram").is_displayed())
        self.assertFalse(row(d, "list-flavors-resp-flavors.ram_gib").is_displayed())

        d.get(SITE + "instances.html?mv=9.99")  # not a version of the API: all versions
        self.assertEqual(Select(d.find_element(By.ID, "mv")).first_selected_option.get_attribute("value"), "")

    def test_search_finds_an_endpoint_by_a_parameter_name(self):
        d = self.driver
        d.get(SITE + "index.html")
        box = d.find_element(By.ID, "search")
        box.click()
        box.send_keys("configuration_id")
        results = self.wait.until(EC.visibility_of_element_located((By.ID, "search-results")))
        self.wait.until(lambda _: results.find_elements(By.CSS_SELECTOR, "a.search-result"))
        links = results.find_elements(By.CSS_SELECTOR, "a.search-result")
        matches = [a for a in links if "Create instance" in a.text and "configuration_id" in a.text]
        self.assertTrue(matches, [a.text for a in links])
        d.save_screenshot(os.path.join(SHOTS, "apiref-search.png"))
        matches[0].click()
        self.wait.until(EC.url_contains("instances.html#"))
        self.assertIn("create-instance-req-instance.configuration_id", d.current_url)
        self.assertTrue(row(d, "create-instance-req-instance.configuration_id").is_displayed())

        # The keyboard: Enter opens the first result.
        d.get(SITE + "index.html")
        box = d.find_element(By.ID, "search")
        box.click()
        box.send_keys("ram_gib")
        self.wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, "#search-results a.search-result"))
        box.send_keys(Keys.ENTER)
        self.wait.until(EC.url_contains("flavors.html#"))

        # At 1.8 the security groups endpoint no longer exists, so search does not offer it.
        d.get(SITE + "index.html?mv=1.8")
        box = d.find_element(By.ID, "search")
        box.click()
        box.send_keys("security groups")
        results = d.find_element(By.ID, "search-results")
        self.wait.until(lambda _: results.find_elements(By.CSS_SELECTOR, "li"))
        self.assertNotIn("List instance security groups", results.text)

    def test_history_lists_a_known_change_and_links_to_it(self):
        d = self.driver
        d.get(SITE + "history.html")
        entry = d.find_element(By.ID, "v1.10")
        self.assertIn("Restore backup", entry.text)
        self.assertIn("New endpoint to restore a backup", entry.text)
        removed = d.find_element(By.ID, "v1.7")
        self.assertIn("instance.hostname", removed.text)
        removed.find_element(By.CSS_SELECTOR, "a[href*='instance.hostname']").click()
        self.wait.until(EC.url_contains("instances.html"))
        self.assertIn("mv=1.6", d.current_url)
        self.assertTrue(row(d, "show-instance-resp-instance.hostname").is_displayed())


class WithoutJavaScriptTests(unittest.TestCase):
    def test_every_element_shows_with_its_window(self):
        d = browser(javascript=False)
        try:
            d.get(SITE + "instances.html?mv=1.3")
            for anchor in ("show-instance-resp-instance.labels", "show-instance-resp-instance.hostname"):
                self.assertTrue(row(d, anchor).is_displayed(), anchor)
            self.assertIn("Until 1.6", row(d, "show-instance-resp-instance.hostname").text)
            self.assertIn("New in 1.6", row(d, "show-instance-resp-instance.labels").text)
            self.assertFalse(d.find_element(By.ID, "mv").is_displayed())
            # Without the script the sidebar holds this page and a way to all the others.
            self.assertEqual(len(d.find_elements(By.CSS_SELECTOR, "[data-site-nav] > .nav-item")), 1)
            d.find_element(By.CSS_SELECTOR, "[data-nav-all] a").click()
            self.assertIn("index.html", d.current_url)
            self.assertTrue(d.find_element(By.ID, "all-endpoints").is_displayed())
        finally:
            d.quit()


class ScreenshotTests(unittest.TestCase):
    """Pictures for a person to look at; they also catch a page that does not load."""

    def test_screenshots(self):
        shots = [
            ("apiref-main.png", "index.html", {}),
            ("apiref-instances.png", "instances.html", {}),
            ("apiref-version-1.7.png", "instances.html?mv=1.7#show-instance", {}),
            ("apiref-history.png", "history.html", {}),
            ("apiref-dark.png", "backups.html#list-backups", {"dark": True}),
            ("apiref-phone.png", "instances.html?mv=1.3#show-instance", {"width": 390, "height": 844}),
        ]
        for name, page, options in shots:
            d = browser(**options)
            try:
                d.get(SITE + page)
                self.assertTrue(d.find_element(By.TAG_NAME, "h1").text)
                d.save_screenshot(os.path.join(SHOTS, name))
            finally:
                d.quit()

    def test_phone_menu_opens(self):
        d = browser(width=390, height=844)
        try:
            d.get(SITE + "instances.html")
            sidebar = d.find_element(By.CLASS_NAME, "sidebar")
            self.assertFalse(sidebar.is_displayed())
            d.find_element(By.CLASS_NAME, "nav-button").click()
            self.assertTrue(sidebar.is_displayed())
            d.save_screenshot(os.path.join(SHOTS, "apiref-phone-menu.png"))
        finally:
            d.quit()


if __name__ == "__main__":
    result = unittest.main(verbosity=2, exit=False).result
    sys.exit(0 if result.wasSuccessful() and result.testsRun > 0 else 1)
