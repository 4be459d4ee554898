//! What one build reads and derives from the files beside book.toml (an old tool's
//! configuration, read and parsed), kept so that every step that asks gets the same
//! value and the file is read and parsed once. The configuration is made anew for each
//! build and each rebuild of `serve`, and this memo with it, so nothing in it is stale.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// The values kept, by their type and key.
type Values = HashMap<(TypeId, String), Arc<dyn Any + Send + Sync>>;

/// Values by their type and a key (a file's name), each made on first use.
#[derive(Clone, Default)]
pub struct Memo(Arc<Mutex<Values>>);

impl Memo {
    /// The value of type `T` kept under `key`, made by `make` when there is none yet.
    /// `make` runs without the memo locked, so it may ask the memo in turn; when two
    /// threads make the same value at once, the first kept is the one both get.
    pub fn get_or_make<T: Any + Send + Sync>(&self, key: &str, make: impl FnOnce() -> T) -> Arc<T> {
        let id = (TypeId::of::<T>(), key.to_string());
        if let Some(found) = self.lock().get(&id).cloned().and_then(|value| value.downcast::<T>().ok()) {
            return found;
        }
        let made = Arc::new(make());
        let kept = self.lock().entry(id).or_insert_with(|| made.clone()).clone();
        // The entry's type is the key's, so the downcast holds; else the value just made.
        kept.downcast::<T>().unwrap_or(made)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Values> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Memo({} values)", self.lock().len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_each_value_once_by_type_and_key() {
        let memo = Memo::default();
        let mut made = 0;
        let first = memo.get_or_make("a", || {
            made += 1;
            String::from("one")
        });
        let again = memo.get_or_make("a", || {
            made += 1;
            String::from("two")
        });
        assert_eq!((first.as_str(), again.as_str(), made), ("one", "one", 1));
        // Another type under the same key, and a value made while making another.
        let number = memo.get_or_make("a", || memo.get_or_make("b", || 7_u32).as_ref() + 1);
        assert_eq!(*number, 8);
        assert_eq!(*memo.get_or_make("b", || 0_u32), 7);
    }
}
