//! E-mailed invites, received by a small SMTP sink the test starts.

use std::process::Command;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::helpers::{spawn_app, spawn_app_with};

/// One message as the sink received it.
#[derive(Debug, Clone, Default)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

/// A minimal SMTP server that accepts every message and keeps it.
pub struct SmtpSink {
    pub addr: std::net::SocketAddr,
    pub messages: Arc<Mutex<Vec<Received>>>,
    /// How many messages have arrived, for [`SmtpSink::wait_for`].
    arrived: tokio::sync::watch::Receiver<usize>,
}

impl SmtpSink {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let messages = Arc::new(Mutex::new(Vec::new()));
        let store = messages.clone();
        let (count, arrived) = tokio::sync::watch::channel(0);
        let count = Arc::new(count);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(session(stream, store.clone(), count.clone()));
            }
        });
        Self {
            addr,
            messages,
            arrived,
        }
    }

    /// The messages once at least `n` have arrived (mail sent off the
    /// response path); fails after a generous minute without them.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        let mut arrived = self.arrived.clone();
        tokio::time::timeout(
            std::time::Duration::from_secs(60),
            arrived.wait_for(|c| *c >= n),
        )
        .await
        .unwrap_or_else(|_| panic!("{n} message(s) never arrived: {:?}", self.messages()))
        .unwrap();
        self.messages()
    }

    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    pub fn messages(&self) -> Vec<Received> {
        self.messages.lock().unwrap().clone()
    }
}

async fn session(
    stream: tokio::net::TcpStream,
    store: Arc<Mutex<Vec<Received>>>,
    count: Arc<tokio::sync::watch::Sender<usize>>,
) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    let mut current = Received::default();
    write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
    while let Ok(Some(line)) = lines.next_line().await {
        let upper = line.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            b"250-sink\r\n250 8BITMIME\r\n"
        } else if upper.starts_with("MAIL FROM:") {
            current.from = line[10..].trim().to_owned();
            b"250 ok\r\n"
        } else if upper.starts_with("RCPT TO:") {
            current.to.push(line[8..].trim().to_owned());
            b"250 ok\r\n"
        } else if upper == "DATA" {
            write.write_all(b"354 go ahead\r\n").await.unwrap();
            let mut data = String::new();
            while let Ok(Some(l)) = lines.next_line().await {
                if l == "." {
                    break;
                }
                data.push_str(l.strip_prefix('.').unwrap_or(&l));
                data.push('\n');
            }
            current.data = data;
            let n = {
                let mut stored = store.lock().unwrap();
                stored.push(std::mem::take(&mut current));
                stored.len()
            };
            count.send_replace(n);
            b"250 queued\r\n"
        } else if upper == "QUIT" {
            write.write_all(b"221 bye\r\n").await.unwrap();
            return;
        } else {
            b"250 ok\r\n"
        };
        write.write_all(reply).await.unwrap();
    }
}

const BIN: &str = env!("CARGO_BIN_EXE_latchkey");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_invite_send_mails_a_working_link() {
    let sink = SmtpSink::start().await;
    let app = spawn_app().await;
    let db = format!("sqlite://{}", app.dir.path().join("latchkey.db").display());
    let cwd = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(BIN);
    cmd.current_dir(cwd.path())
        .env_remove("LATCHKEY_BIND")
        .env("LATCHKEY_LOG", "warn")
        .env("LATCHKEY_DATABASE_URL", &db)
        .env("LATCHKEY_ISSUER", &app.base)
        .env("LATCHKEY_SMTP_URL", sink.url())
        .env("LATCHKEY_SMTP_FROM", "Latchkey <id@example.com>")
        .args([
            "invite",
            "create",
            "--username",
            "carol",
            "--email",
            "carol@example.com",
            "--send",
        ]);
    let out = tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "exactly one JSON line: {stdout}");
    let printed: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let url = printed["url"].as_str().unwrap();
    assert!(url.starts_with(&format!("{}/invite/", app.base)), "{url}");

    let messages = sink.messages();
    assert_eq!(messages.len(), 1);
    let mail = &messages[0];
    assert_eq!(mail.from, "<id@example.com>");
    assert_eq!(mail.to, ["<carol@example.com>"]);
    assert!(
        mail.data.contains("Subject: Your invitation to localhost"),
        "{}",
        mail.data
    );
    // The link in the mail is exactly the invite link, on one line.
    let link = mail
        .data
        .lines()
        .find(|l| l.starts_with("http"))
        .expect("a link line");
    assert_eq!(link, url);
    assert!(mail.data.contains(printed["expires_at"].as_str().unwrap()));

    // The link's token opens a live invite for carol.
    let token = link.rsplit('/').next().unwrap();
    let invite = app
        .state
        .repos
        .invites
        .get_by_token_hash(&latchkey::crypto::hash_secret(token))
        .await
        .unwrap()
        .expect("the mailed token names an invite");
    assert_eq!(invite.username, "carol");
    assert!(invite.used_at.is_none());
    // And the link opens the invite page.
    let page = reqwest::get(link).await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("carol"));
}

#[tokio::test]
async fn send_needs_smtp_and_an_address() {
    let app = spawn_app().await;
    let db = format!("sqlite://{}", app.dir.path().join("latchkey.db").display());
    let run = |extra: &[&str]| {
        let cwd = tempfile::tempdir().unwrap();
        Command::new(BIN)
            .current_dir(cwd.path())
            .env_remove("LATCHKEY_BIND")
            .env_remove("LATCHKEY_SMTP_URL")
            .env_remove("LATCHKEY_SMTP_FROM")
            .env("LATCHKEY_LOG", "warn")
            .env("LATCHKEY_DATABASE_URL", &db)
            .args(["invite", "create", "--username", "dave", "--send"])
            .args(extra)
            .output()
            .unwrap()
    };
    // --send without --email is a usage error.
    let out = run(&[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--email"));
    // Without SMTP: a clear message, and no invite is created.
    let out = run(&["--email", "dave@example.com"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("LATCHKEY_SMTP_URL"));
    let invites = app.state.repos.invites.list(0, 100).await.unwrap();
    assert_eq!(invites.total, 0);
}

#[tokio::test]
async fn send_invite_reports_an_unreachable_server() {
    // A port with nothing listening.
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://{}", closed.local_addr().unwrap());
    drop(closed);
    let app = spawn_app_with(|s| {
        s.smtp = Some(latchkey::config::SmtpSettings {
            url: url.into(),
            from: "id@example.com".into(),
        });
    })
    .await;
    let err = latchkey::mail::send_invite(
        &app.state.settings,
        "erin@example.com",
        &app.url("/invite/x"),
        "2030-01-01T00:00:00Z",
    )
    .await
    .unwrap_err();
    assert!(matches!(err, latchkey::mail::MailError::Send(_)), "{err}");
    let err = latchkey::mail::send_invite(&app.state.settings, "not an address", "u", "e")
        .await
        .unwrap_err();
    assert!(
        matches!(err, latchkey::mail::MailError::Address(_)),
        "{err}"
    );
}
