//! Guardrails: a workspace's Guardrails tab, what each governs, a key's guardrail and what the
//! key can do, and the guardrail column and bulk assign of the keys table.

pub mod describe;
pub mod dialog;
pub mod effective;
pub mod form;
pub mod governs;
pub mod key;
pub mod load;
pub mod outcome;
pub mod tab;
