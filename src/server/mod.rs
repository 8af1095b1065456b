//! PHP-free multi-process server: listening socket, the manager that forks
//! workers and re-forks those that exit, and signal handling.
//!
//! Process model (Swoole's SWOOLE_BASE): the process that calls `start()` binds
//! the socket and becomes the manager; it forks `worker_num` workers that all
//! accept on the inherited socket, each running its own scheduler. SIGTERM
//! (or `shutdown()`) stops the workers gracefully; a worker that exits for any
//! other reason (crash, `kill -9`, fatal error, `max_request`) is re-forked.

pub mod board;
pub mod ipc;
pub mod log;
pub mod master;
pub mod msg_queue;
pub mod packet;
pub mod process;
pub mod static_files;
