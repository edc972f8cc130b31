//! Reads a contact list the way an upload is read and prints what it held: a throughput check
//! to run by hand on a large export.
//!
//! ```text
//! python3 /work/shared/tools/gen-contacts.py /tmp/gc --contacts 1000000 --creators 10
//! cargo run --release -p rapport-integrations --example read_contacts -- /tmp/gc/contacts.csv
//! ```

use std::error::Error;
use std::fs::File;
use std::time::Instant;

use rapport_integrations::contacts_csv::{read_contacts, ReadError};

fn main() -> Result<(), Box<dyn Error>> {
    let Some(path) = std::env::args().nth(1) else {
        return Err("usage: read_contacts FILE.csv".into());
    };
    let file = File::open(&path)?;
    let size = file.metadata()?.len();
    let started = Instant::now();
    let mut handles = 0u64;
    let summary = read_contacts(file, |contact| {
        handles += u64::from(contact.instagram.is_some())
            + u64::from(contact.tiktok.is_some())
            + u64::from(contact.youtube.is_some());
        Ok::<(), std::convert::Infallible>(())
    })
    .map_err(|error| match error {
        ReadError::Csv(error) => error,
        ReadError::Stop(never) => match never {},
    })?;
    let elapsed = started.elapsed();
    println!(
        "{path}: {:.1} MB in {elapsed:.2?} ({:.0} MB/s)",
        size as f64 / 1e6,
        size as f64 / 1e6 / elapsed.as_secs_f64()
    );
    println!(
        "column {:?}, {} rows: {} valid, {} duplicates, {} invalid; {} handles; {} delimited by {:?}",
        summary.email_column,
        summary.rows,
        summary.valid,
        summary.duplicates,
        summary.invalid,
        handles,
        summary.encoding,
        summary.delimiter
    );
    for row in &summary.first_invalid {
        println!("  line {}: {}", row.line, row.reason);
    }
    Ok(())
}
