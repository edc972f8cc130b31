//! The `rapport` command line.

use clap::{Parser, Subcommand};

use clap::Args;

use crate::config::{DatabaseSettings, ServeSettings};

/// Rapport: influencer relationship management.
#[derive(Debug, Parser)]
#[command(name = "rapport", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations, then serve the API (and the web app) until stopped.
    Serve(Box<ServeSettings>),
    /// Apply pending database migrations and exit.
    Migrate(DatabaseSettings),
    /// Print the OpenAPI document (JSON) to standard output.
    Openapi,
    /// Add synthetic creators to the network (benchmarks, demos): realistic profiles and
    /// audiences drawn from a seed; their accounts cannot log in.
    SeedNetwork(SeedNetworkSettings),
    /// Copy the SQLite database to PATH while the server runs (a consistent copy as of one
    /// moment; PATH must not exist). For PostgreSQL, use pg_dump.
    Backup(BackupSettings),
}

/// `rapport backup`.
#[derive(Debug, Clone, Args)]
pub struct BackupSettings {
    #[command(flatten)]
    pub database: DatabaseSettings,
    /// Where to write the copy: a file that does not exist yet.
    pub path: std::path::PathBuf,
}

/// `rapport seed-network`.
#[derive(Debug, Clone, Args)]
pub struct SeedNetworkSettings {
    #[command(flatten)]
    pub database: DatabaseSettings,
    /// How many creators to add.
    #[arg(long, default_value_t = 100_000)]
    pub creators: u64,
    /// The random seed: one seed makes one network (seeding it twice into one database is
    /// refused: the e-mail addresses repeat).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}
