//! The OpenRouter management API client core.
