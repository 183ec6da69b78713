//! A thin driver for headless Chromium over the DevTools protocol: one
//! Chromium per scenario, one incognito context per person, controls found by
//! role and accessible name, a screenshot and page checks after every step.

use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context as _, anyhow, bail};
use chromiumoxide::browser::{Browser, BrowserConfig};
use chromiumoxide::cdp::browser_protocol::emulation::SetFocusEmulationEnabledParams;
use chromiumoxide::cdp::browser_protocol::input::InsertTextParams;
use chromiumoxide::cdp::browser_protocol::log::{EventEntryAdded, LogEntryLevel};
use chromiumoxide::cdp::browser_protocol::page::CaptureScreenshotFormat;
use chromiumoxide::cdp::browser_protocol::target::{
    CreateBrowserContextParams, CreateTargetParams,
};
use chromiumoxide::cdp::browser_protocol::web_authn::{
    AddVirtualAuthenticatorParams, AuthenticatorId, AuthenticatorProtocol, AuthenticatorTransport,
    EnableParams, GetCredentialsParams, SetAutomaticPresenceSimulationParams,
    VirtualAuthenticatorOptions,
};
use chromiumoxide::cdp::js_protocol::runtime::{
    ConsoleApiCalledType, EvaluateParams, EventConsoleApiCalled, EventExceptionThrown,
};
use chromiumoxide::page::{Page, ScreenshotParams};
use futures::StreamExt;

/// How long a step waits for the page to reach the state it expects.
/// Generous, for a machine whose cores are busy with something else.
const WAIT: Duration = Duration::from_secs(60);

/// Where Chromium lives: `LATCHKEY_CHROMIUM` or the Debian package's path.
pub fn chromium_path() -> Option<PathBuf> {
    let path = std::env::var_os("LATCHKEY_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    path.exists().then_some(path)
}

/// One headless Chromium for one scenario.
pub struct Chromium {
    browser: Browser,
    handler: tokio::task::JoinHandle<()>,
    scenario: String,
    steps: Arc<AtomicUsize>,
    _profile: tempfile::TempDir,
}

impl Drop for Chromium {
    fn drop(&mut self) {
        self.handler.abort();
    }
}

/// Launches Chromium for `scenario`, or `None` (after a loud message) when it
/// is not installed.
pub async fn launch(scenario: &str) -> Option<Chromium> {
    let Some(path) = chromium_path() else {
        eprintln!(
            "SKIPPED: Chromium is not installed (set LATCHKEY_CHROMIUM or install the \
             `chromium` package); browser scenario `{scenario}` did not run"
        );
        return None;
    };
    let profile = tempfile::tempdir().unwrap();
    let config = BrowserConfig::builder()
        .chrome_executable(path)
        .no_sandbox()
        .user_data_dir(profile.path())
        .window_size(1000, 800)
        .viewport(None::<chromiumoxide::handler::viewport::Viewport>)
        .launch_timeout(Duration::from_secs(120))
        .request_timeout(Duration::from_secs(60))
        .args([
            "disable-gpu",
            "disable-quic",
            "no-first-run",
            "disable-background-networking",
            "disable-component-update",
            "disable-sync",
        ])
        .build()
        .unwrap();
    let (browser, mut events) = Browser::launch(config).await.unwrap();
    // Unknown or malformed protocol messages are not fatal; keep pumping.
    let handler = tokio::spawn(async move { while events.next().await.is_some() {} });
    let dir = screenshot_root().join(scenario);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Some(Chromium {
        browser,
        handler,
        scenario: scenario.to_owned(),
        steps: Arc::new(AtomicUsize::new(0)),
        _profile: profile,
    })
}

/// `target/browser-screenshots`.
pub fn screenshot_root() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("browser-screenshots")
}

impl Chromium {
    /// A person with an incognito context of their own and a virtual
    /// passkey authenticator (CTAP2, internal, resident keys, user verified).
    pub async fn person(&self, who: &str) -> Person {
        let context = self
            .browser
            .create_browser_context(CreateBrowserContextParams::default())
            .await
            .unwrap();
        let page = self
            .browser
            .new_page(
                CreateTargetParams::builder()
                    .url("about:blank")
                    .browser_context_id(context)
                    .build()
                    .unwrap(),
            )
            .await
            .unwrap();
        let problems = Arc::new(Mutex::new(Vec::new()));
        listen(&page, &problems).await;
        // WebAuthn needs a focused document; a headless tab is not focused.
        page.execute(SetFocusEmulationEnabledParams::new(true))
            .await
            .unwrap();
        page.execute(EnableParams::default()).await.unwrap();
        let options = VirtualAuthenticatorOptions::builder()
            .protocol(AuthenticatorProtocol::Ctap2)
            .transport(AuthenticatorTransport::Internal)
            .has_resident_key(true)
            .has_user_verification(true)
            .is_user_verified(true)
            .automatic_presence_simulation(true)
            .build()
            .unwrap();
        let authenticator = page
            .execute(AddVirtualAuthenticatorParams::new(options))
            .await
            .unwrap()
            .result
            .authenticator_id;
        Person {
            who: who.to_owned(),
            page,
            authenticator,
            problems,
            scenario: self.scenario.clone(),
            steps: self.steps.clone(),
        }
    }
}

/// Collects console errors, uncaught exceptions and error log entries (CSP
/// violations, failed loads) of `page`.
async fn listen(page: &Page, problems: &Arc<Mutex<Vec<String>>>) {
    page.enable_log().await.unwrap();
    page.enable_runtime().await.unwrap();
    let mut console = page
        .event_listener::<EventConsoleApiCalled>()
        .await
        .unwrap();
    let sink = problems.clone();
    tokio::spawn(async move {
        while let Some(event) = console.next().await {
            if matches!(
                event.r#type,
                ConsoleApiCalledType::Error | ConsoleApiCalledType::Assert
            ) {
                let text: Vec<String> = event
                    .args
                    .iter()
                    .map(|a| {
                        a.value
                            .as_ref()
                            .map(|v| v.to_string())
                            .or_else(|| a.description.clone())
                            .unwrap_or_default()
                    })
                    .collect();
                sink.lock()
                    .unwrap()
                    .push(format!("console: {}", text.join(" ")));
            }
        }
    });
    let mut log = page.event_listener::<EventEntryAdded>().await.unwrap();
    let sink = problems.clone();
    tokio::spawn(async move {
        while let Some(event) = log.next().await {
            if event.entry.level == LogEntryLevel::Error {
                let entry = &event.entry;
                let url = entry.url.clone().unwrap_or_default();
                sink.lock()
                    .unwrap()
                    .push(format!("log: {} {url}", entry.text));
            }
        }
    });
    let mut thrown = page.event_listener::<EventExceptionThrown>().await.unwrap();
    let sink = problems.clone();
    tokio::spawn(async move {
        while let Some(event) = thrown.next().await {
            let details = &event.exception_details;
            let what = details
                .exception
                .as_ref()
                .and_then(|e| e.description.clone())
                .unwrap_or_else(|| details.text.clone());
            sink.lock().unwrap().push(format!("exception: {what}"));
        }
    });
}

/// One person's browser tab.
pub struct Person {
    pub who: String,
    pub page: Page,
    authenticator: AuthenticatorId,
    problems: Arc<Mutex<Vec<String>>>,
    scenario: String,
    steps: Arc<AtomicUsize>,
}

/// JavaScript helpers evaluated in the page: accessible names (a practical
/// subset of the accname algorithm) and lookups by role + name.
const ACCNAME_JS: &str = r#"
const __lk = {
  text(el) { return (el.textContent || '').replace(/\s+/g, ' ').trim(); },
  name(el) {
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(/\s+/).map(id => { const l = document.getElementById(id); return l ? __lk.text(l) : ''; }).join(' ').trim();
    const aria = el.getAttribute('aria-label');
    if (aria && aria.trim()) return aria.trim();
    if (el.labels && el.labels.length) return Array.from(el.labels).map(__lk.text).join(' ').trim();
    const tag = el.tagName.toLowerCase();
    if (tag === 'button' || tag === 'a' || el.getAttribute('role') === 'button') return __lk.text(el);
    if (tag === 'input' && ['submit', 'button', 'reset'].includes(el.type)) return (el.value || '').trim();
    return (el.getAttribute('title') || '').trim();
  },
  role(el) {
    const explicit = el.getAttribute('role');
    if (explicit) return explicit;
    const tag = el.tagName.toLowerCase();
    if (tag === 'button') return 'button';
    if (tag === 'a' && el.hasAttribute('href')) return 'link';
    if (tag === 'select') return 'combobox';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'input') {
      const t = el.type;
      if (['submit', 'button', 'reset', 'image'].includes(t)) return 'button';
      if (t === 'checkbox') return 'checkbox';
      if (t === 'radio') return 'radio';
      if (t === 'hidden') return 'none';
      return 'textbox';
    }
    return tag;
  },
  visible(el) { return !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length); },
  find(role, name) {
    const want = name.toLowerCase();
    const all = Array.from(document.querySelectorAll('button, a[href], input, select, textarea, [role]'));
    return all.filter(el => __lk.visible(el) && __lk.role(el) === role && __lk.name(el).toLowerCase() === want);
  },
  unnamed() {
    return Array.from(document.querySelectorAll('input, select, textarea, button'))
      .filter(el => el.type !== 'hidden' && __lk.visible(el) && __lk.name(el) === '')
      .map(el => el.outerHTML.slice(0, 120));
  },
};
"#;

/// `expression` evaluated with the `__lk` helpers in scope.
fn lk(expression: &str) -> String {
    format!("(() => {{ {ACCNAME_JS} return ({expression}); }})()")
}

impl Person {
    /// Runs `action` as the step `name`: afterwards the page must have no
    /// unnamed inputs and no new console errors, and a screenshot is saved.
    /// A failure panics with the scenario, the person, the step and the path
    /// of the screenshot.
    pub async fn step<T>(&self, name: &str, action: impl Future<Output = anyhow::Result<T>>) -> T {
        self.step_allowing(name, &[], action).await
    }

    /// `step`, tolerating console errors that contain one of `expected`
    /// (e.g. the 401 status of a failed sign-in).
    pub async fn step_allowing<T>(
        &self,
        name: &str,
        expected: &[&str],
        action: impl Future<Output = anyhow::Result<T>>,
    ) -> T {
        let n = self.steps.fetch_add(1, Ordering::SeqCst) + 1;
        let slug: String = format!("{n:02}-{}-{name}", self.who)
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        let shot = screenshot_root()
            .join(&self.scenario)
            .join(format!("{slug}.png"));
        let outcome = match action.await {
            Ok(value) => self.check_page(expected).await.map(|()| value),
            Err(e) => Err(e),
        };
        let saved = self.screenshot(&shot).await;
        match outcome {
            Ok(value) => value,
            Err(e) => {
                let url = self.page.url().await.ok().flatten().unwrap_or_default();
                let shot = match saved {
                    Ok(()) => shot.display().to_string(),
                    Err(s) => format!("(no screenshot: {s:#})"),
                };
                panic!(
                    "browser scenario `{}`, {}: step `{name}` failed at {url}: {e:#}\nscreenshot: {shot}",
                    self.scenario, self.who
                );
            }
        }
    }

    async fn screenshot(&self, path: &std::path::Path) -> anyhow::Result<()> {
        let params = ScreenshotParams::builder()
            .format(CaptureScreenshotFormat::Png)
            .full_page(true)
            .build();
        let png = self.page.screenshot(params).await?;
        std::fs::write(path, png)?;
        Ok(())
    }

    /// No inputs without an accessible name, no console errors (other than
    /// `expected`) since the last check.
    async fn check_page(&self, expected: &[&str]) -> anyhow::Result<()> {
        let unnamed: Vec<String> = self.js(&lk("__lk.unnamed()")).await?;
        if !unnamed.is_empty() {
            bail!("controls without an accessible name: {unnamed:?}");
        }
        // Let late console messages arrive.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let problems: Vec<String> = std::mem::take(&mut *self.problems.lock().unwrap());
        let unexpected: Vec<&String> = problems
            .iter()
            .filter(|p| !expected.iter().any(|e| p.contains(e)))
            .collect();
        if !unexpected.is_empty() {
            bail!("console errors: {unexpected:?}");
        }
        Ok(())
    }

    /// Evaluates `expression` and deserializes its value.
    pub async fn js<T: serde::de::DeserializeOwned>(&self, expression: &str) -> anyhow::Result<T> {
        let params = EvaluateParams::builder()
            .expression(expression)
            .user_gesture(true)
            .await_promise(true)
            .return_by_value(true)
            .build()
            .map_err(|e| anyhow!(e))?;
        // A navigation can swap the execution context under us: retry.
        let mut tries = 0;
        let result = loop {
            match self.page.evaluate(params.clone()).await {
                Ok(r) => break r,
                Err(e) if tries < 300 && e.to_string().contains("context") => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => {
                    return Err(anyhow!(e).context(format!(
                        "evaluating {}",
                        expression.lines().last().unwrap_or("")
                    )));
                }
            }
        };
        result.into_value().map_err(|e| anyhow!("{e}"))
    }

    /// Opens `url` and waits for the page to load.
    pub async fn open(&self, url: &str) -> anyhow::Result<()> {
        self.page
            .goto(url)
            .await
            .with_context(|| format!("opening {url}"))?;
        self.settle().await
    }

    /// Waits until the document is complete (after navigations).
    async fn settle(&self) -> anyhow::Result<()> {
        self.wait_for("the page to load", "document.readyState === 'complete'")
            .await
    }

    /// Polls `condition` (a JavaScript boolean expression) until it holds.
    pub async fn wait_for(&self, what: &str, condition: &str) -> anyhow::Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            // Evaluations fail while a navigation swaps documents: retry.
            if let Ok(true) = self.js::<bool>(&lk(&format!("!!({condition})"))).await {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("timed out waiting for {what}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the page's text contains `text` (case-insensitive).
    pub async fn wait_for_text(&self, text: &str) -> anyhow::Result<()> {
        let needle = serde_json::to_string(&text.to_lowercase())?;
        let waited = self
            .wait_for(
                &format!("the text {text:?}"),
                &format!(
                    "document.readyState === 'complete' && document.body && \
                     document.body.innerText.toLowerCase().includes({needle})"
                ),
            )
            .await;
        if let Err(e) = waited {
            let shown: String = self
                .text()
                .await
                .unwrap_or_default()
                .chars()
                .take(400)
                .collect();
            bail!("{e:#}; the page says: {shown:?}");
        }
        Ok(())
    }

    /// The page's visible text.
    pub async fn text(&self) -> anyhow::Result<String> {
        self.js("document.body ? document.body.innerText : ''")
            .await
    }

    /// The current URL.
    pub async fn url(&self) -> anyhow::Result<String> {
        Ok(self.page.url().await?.unwrap_or_default())
    }

    /// Waits for exactly one visible control with `role` and accessible `name`
    /// and runs `action` (JavaScript using `el`) on it.
    async fn on_control(&self, role: &str, name: &str, action: &str) -> anyhow::Result<()> {
        let args = format!(
            "{}, {}",
            serde_json::to_string(role)?,
            serde_json::to_string(name)?
        );
        self.wait_for(
            &format!("a {role} named {name:?}"),
            &format!("__lk.find({args}).length > 0"),
        )
        .await?;
        let found: usize = self.js(&lk(&format!("__lk.find({args}).length"))).await?;
        if found != 1 {
            bail!("{found} controls with role {role} named {name:?}; expected one");
        }
        self.js::<bool>(&lk(&format!(
            "(() => {{ const el = __lk.find({args})[0]; {action}; return true; }})()"
        )))
        .await?;
        Ok(())
    }

    /// Clicks the button with accessible name `name`.
    pub async fn click_button(&self, name: &str) -> anyhow::Result<()> {
        self.on_control("button", name, "el.click()").await
    }

    /// Follows the link with accessible name `name`.
    pub async fn click_link(&self, name: &str) -> anyhow::Result<()> {
        self.on_control("link", name, "el.click()").await
    }

    /// How many visible buttons are named `name`.
    pub async fn count_buttons(&self, name: &str) -> anyhow::Result<usize> {
        let name = serde_json::to_string(name)?;
        self.js(&lk(&format!("__lk.find('button', {name}).length")))
            .await
    }

    /// Types `text` into the text field labelled `label`, as keyboard input.
    pub async fn fill(&self, label: &str, text: &str) -> anyhow::Result<()> {
        self.on_control("textbox", label, "el.focus(); el.select && el.select()")
            .await?;
        self.page.execute(InsertTextParams::new(text)).await?;
        Ok(())
    }

    /// Turns the authenticator's simulated user presence on or off.
    pub async fn presence(&self, enabled: bool) -> anyhow::Result<()> {
        self.page
            .execute(SetAutomaticPresenceSimulationParams::new(
                self.authenticator.clone(),
                enabled,
            ))
            .await?;
        Ok(())
    }

    /// The number of credentials in this person's virtual authenticator.
    pub async fn credentials(&self) -> anyhow::Result<usize> {
        let creds = self
            .page
            .execute(GetCredentialsParams::new(self.authenticator.clone()))
            .await?;
        Ok(creds.result.credentials.len())
    }
}
