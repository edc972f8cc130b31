//! A real SMTP server on loopback (aiosmtpd, run by Python), for the mail tests.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

/// A running SMTP server; stopped on drop.
pub struct SmtpServer {
    pub port: u16,
    out: PathBuf,
    child: Child,
    _folder: tempfile::TempDir,
}

/// How the server answers.
#[derive(Debug, Clone, Copy)]
pub enum Behaviour {
    /// Accepts every mail.
    Accept,
    /// Answers 451 to the first N mails, then accepts.
    RefuseFirst(u32),
    /// Answers 550 to every mail.
    Reject,
}

/// A free port on loopback.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl SmtpServer {
    /// Starts a server on `port` and waits until it listens.
    pub fn start_on(port: u16, behaviour: Behaviour) -> Self {
        let folder = tempfile::tempdir().unwrap();
        let out = folder.path().join("mail.jsonl");
        let python = std::env::var("RAPPORT_TEST_PYTHON").unwrap_or_else(|_| "python3".to_owned());
        let script = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/api/support/smtp_sink.py"
        );
        let mut command = Command::new(&python);
        command
            .arg(script)
            .arg("--port")
            .arg(port.to_string())
            .arg("--out")
            .arg(&out)
            .stdout(Stdio::piped());
        match behaviour {
            Behaviour::Accept => {}
            Behaviour::RefuseFirst(n) => {
                command.arg("--refuse").arg(n.to_string());
            }
            Behaviour::Reject => {
                command.arg("--reject");
            }
        }
        let mut child = command.spawn().unwrap_or_else(|e| {
            panic!("cannot run {python} (set RAPPORT_TEST_PYTHON to a Python with aiosmtpd): {e}")
        });
        let stdout = child.stdout.take().unwrap();
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        assert_eq!(
            line.trim(),
            "ready",
            "the SMTP server did not start (is aiosmtpd installed for {python}?)"
        );
        Self {
            port,
            out,
            child,
            _folder: folder,
        }
    }

    /// Starts a server on a free port.
    pub fn start(behaviour: Behaviour) -> Self {
        Self::start_on(free_port(), behaviour)
    }

    /// The mails received so far.
    pub fn received(&self) -> Vec<Value> {
        std::fs::read_to_string(&self.out)
            .unwrap_or_default()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect()
    }

    /// Waits until `count` mails have arrived (at most 10 s), and returns them.
    pub async fn wait_for(&self, count: usize) -> Vec<Value> {
        self.wait_for_within(count, std::time::Duration::from_secs(10))
            .await
    }

    /// Waits until `count` mails have arrived, for at most `limit`.
    pub async fn wait_for_within(&self, count: usize, limit: std::time::Duration) -> Vec<Value> {
        let deadline = std::time::Instant::now() + limit;
        while std::time::Instant::now() < deadline {
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!(
            "expected {count} mails within {limit:?}, got {:?}",
            self.received()
        );
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
