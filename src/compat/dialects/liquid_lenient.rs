//! A runtime as lenient as Liquid's lax variables, for the Liquid stage
//! ([`super::evaluate`]): a variable or key not held is nil, and every value assigned is
//! weighed against the page's budget ([`super::liquid_budget`]); a list kept from the
//! variable set is read again ([`super::liquid_items`]).

use std::collections::BTreeSet;

use liquid_core::model::{KString, KStringCow, KStringRef, ScalarCow};
use liquid_core::runtime::{PartialStore, Registers};
use liquid_core::{Runtime, Value, ValueCow};

/// A runtime that answers nil for a variable or key the runtime below it does not hold,
/// as Liquid's lax variables do.
pub(super) struct Lenient<R>(pub R);

impl<R: Runtime> Runtime for Lenient<R> {
    fn partials(&self) -> &dyn PartialStore {
        self.0.partials()
    }
    fn name(&self) -> Option<KStringRef<'_>> {
        self.0.name()
    }
    fn roots(&self) -> BTreeSet<KStringCow<'_>> {
        self.0.roots()
    }
    fn try_get(&self, path: &[ScalarCow<'_>]) -> Option<ValueCow<'_>> {
        self.0.try_get(path)
    }
    fn get(&self, path: &[ScalarCow<'_>]) -> liquid_core::Result<ValueCow<'_>> {
        Ok(self.0.try_get(path).unwrap_or(ValueCow::Owned(Value::Nil)))
    }
    fn set_global(&self, name: KString, val: Value) -> Option<Value> {
        super::liquid_items::variable_set(self.0.registers(), &name);
        super::liquid_budget::weighed(self.0.registers(), val, |val| self.0.set_global(name, val))
    }
    fn set_index(&self, name: KString, val: Value) -> Option<Value> {
        super::liquid_items::variable_set(self.0.registers(), &name);
        super::liquid_budget::weighed(self.0.registers(), val, |val| self.0.set_index(name, val))
    }
    fn get_index<'a>(&'a self, name: &str) -> Option<ValueCow<'a>> {
        self.0.get_index(name)
    }
    fn registers(&self) -> &Registers {
        self.0.registers()
    }
}
