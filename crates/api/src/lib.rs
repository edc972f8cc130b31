//! The Rapport server: the REST API, its OpenAPI document, and the background mail worker.

pub mod access;
pub mod accounts;
pub mod auth;
pub mod body;
pub mod cli;
pub mod clock;
pub mod config;
pub mod crm;
pub mod db;
pub mod demo;
pub mod error;
pub mod extractor_errors;
pub mod jobs;
pub mod mail;
pub mod messaging;
pub mod network;
pub mod network_seed;
pub mod notifications;
pub mod openapi;
pub mod paging;
pub mod realtime;
pub mod routes;
pub mod startup;
pub mod state;
pub mod telemetry;
