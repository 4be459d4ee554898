//! The lists a page builds with `push` ([`super::liquid_push`]), held beside the
//! runtime's variables ([`Pushed`], under the page's runtime) rather than in them: an
//! item of the site's lists ([`super::liquid_lists`]) is pushed as a view of the same
//! page, as Jekyll's `push` pushes the same object, where a variable of `liquid-core`
//! holds a copy of every field of it. Each push makes a new list that shares the items of
//! the one before (a loop over the old one runs over the old one, as in Jekyll), and
//! every list stays until the page is rendered, so that a read borrows it.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use liquid_core::model::{ArrayView, DisplayCow, KString, KStringCow, KStringRef, ScalarCow, State};
use liquid_core::runtime::{PartialStore, Registers};
use liquid_core::{Runtime, Value, ValueCow, ValueView};

use super::liquid_lists::SiteView;
use super::liquid_page_items::Item;

/// The start of the name under which [`super::liquid_push`] pushes a site's item: its
/// address (no Liquid variable's name holds a `\0`).
pub(super) const PUSH_ITEM: &str = "\0push item\0";
/// The start of the name under which it pushes any other value.
pub(super) const PUSH_VALUE: &str = "\0push value\0";

/// Values that stay where they are while more are added, each borrowed for as long as
/// the store is: chunks of 1, 2, 4... slots, each made when first needed.
struct Store<T> {
    chunks: [OnceCell<Box<[OnceCell<T>]>>; 48],
    len: Cell<usize>,
}

impl<T> Store<T> {
    fn new() -> Store<T> {
        Store { chunks: std::array::from_fn(|_| OnceCell::new()), len: Cell::new(0) }
    }

    /// The chunk of the value at `index` and its place there.
    fn place(index: usize) -> (usize, usize) {
        let chunk = (usize::BITS - 1 - (index + 1).leading_zeros()) as usize;
        (chunk, index + 1 - (1 << chunk))
    }

    /// Adds `value`; its index.
    fn add(&self, value: T) -> usize {
        let index = self.len.get();
        let (chunk, at) = Store::<T>::place(index);
        let slots = self.chunks[chunk].get_or_init(|| (0..1usize << chunk).map(|_| OnceCell::new()).collect());
        let _ = slots[at].set(value);
        self.len.set(index + 1);
        index
    }

    fn get(&self, index: usize) -> Option<&T> {
        let (chunk, at) = Store::<T>::place(index);
        self.chunks.get(chunk)?.get()?.get(at)?.get()
    }

    fn len(&self) -> usize {
        self.len.get()
    }
}

/// One item of a pushed list: an item of the site's lists, shared, or a value.
enum Entry {
    Shared(Item),
    Owned(Value),
}

impl Entry {
    fn view(&self) -> &dyn ValueView {
        match self {
            Entry::Shared(item) => item,
            Entry::Owned(value) => value,
        }
    }

    fn copy(&self) -> Self {
        match self {
            Entry::Shared(item) => Entry::Shared(item.share()),
            Entry::Owned(value) => Entry::Owned(value.clone()),
        }
    }
}

/// A list as a variable holds it: the first `len` items of `items`, which later pushes
/// onto it extend; `weight` as [`super::liquid_budget::weigh`] counts (an item of the
/// site's lists as what the list holds of it).
struct List {
    items: Rc<Store<Entry>>,
    len: usize,
    weight: usize,
}

impl std::fmt::Debug for List {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "list of {}", self.len)
    }
}

impl List {
    /// The list's items, each once, as a `Vec` of views renders them.
    fn views(&self) -> Vec<&dyn ValueView> {
        self.values().collect()
    }
}

impl ValueView for List {
    fn as_debug(&self) -> &dyn std::fmt::Debug {
        self
    }
    fn render(&self) -> DisplayCow<'_> {
        DisplayCow::Owned(Box::new(self.views().render().to_string()))
    }
    fn source(&self) -> DisplayCow<'_> {
        DisplayCow::Owned(Box::new(self.views().source().to_string()))
    }
    fn type_name(&self) -> &'static str {
        "array"
    }
    fn query_state(&self, state: State) -> bool {
        match state {
            State::Truthy => true,
            State::DefaultValue | State::Empty | State::Blank => self.len == 0,
        }
    }
    fn to_kstr(&self) -> KStringCow<'_> {
        KStringCow::from_string(self.views().render().to_string())
    }
    fn to_value(&self) -> Value {
        Value::Array(self.values().map(ValueView::to_value).collect())
    }
    fn as_array(&self) -> Option<&dyn ArrayView> {
        Some(self)
    }
}

impl ArrayView for List {
    fn as_value(&self) -> &dyn ValueView {
        self
    }
    fn size(&self) -> i64 {
        i64::try_from(self.len).unwrap_or(i64::MAX)
    }
    fn values<'k>(&'k self) -> Box<dyn Iterator<Item = &'k dyn ValueView> + 'k> {
        Box::new((0..self.len).filter_map(|at| self.items.get(at)).map(Entry::view))
    }
    fn contains_key(&self, index: i64) -> bool {
        self.get(index).is_some()
    }
    fn get(&self, index: i64) -> Option<&dyn ValueView> {
        let index = if index < 0 { index.checked_add(self.size())? } else { index };
        let index = usize::try_from(index).ok().filter(|at| *at < self.len)?;
        self.items.get(index).map(Entry::view)
    }
}

/// A runtime that holds the lists a page pushed onto, over the runtime `inner` that
/// holds its other variables; `site`'s items are pushed as references.
pub(super) struct Pushed<'a, R> {
    inner: R,
    site: Option<&'a SiteView>,
    /// Every list made while the page renders.
    lists: Store<List>,
    /// The list each variable holds, by index in `lists`.
    held: RefCell<HashMap<KString, usize>>,
}

impl<'a, R: Runtime> Pushed<'a, R> {
    pub(super) fn new(inner: R, site: Option<&'a SiteView>) -> Pushed<'a, R> {
        Pushed { inner, site, lists: Store::new(), held: RefCell::new(HashMap::new()) }
    }

    /// The list the variable `name` holds, if pushed onto.
    fn held(&self, name: &str) -> Option<&List> {
        let index = *self.held.borrow().get(name)?;
        self.lists.get(index)
    }

    /// Pushes `entry` onto the list the variable `name` holds, a list (as the tag
    /// checked); past the budget the variable is nil.
    fn push(&self, name: &str, entry: Entry) {
        let weight = match &entry {
            // What the list holds of it, as it holds no copy of its fields.
            Entry::Shared(_) => 16 + std::mem::size_of::<Entry>() + std::mem::size_of::<List>(),
            Entry::Owned(value) => super::liquid_budget::weigh(value, super::liquid_budget::MAX_VALUE),
        };
        let (items, len, before) = match self.held(name) {
            Some(list) if list.items.len() == list.len => (list.items.clone(), list.len, list.weight),
            Some(list) => {
                let copy = Store::new();
                (0..list.len).filter_map(|at| list.items.get(at)).for_each(|item| _ = copy.add(item.copy()));
                (Rc::new(copy), list.len, list.weight)
            }
            None => {
                let start = Store::new();
                let held = self.inner.try_get(&[ScalarCow::new(name.to_string())]);
                let values = match held.map(ValueCow::into_owned) {
                    Some(Value::Array(values)) => values,
                    _ => Vec::new(),
                };
                let weight = 16 + values.iter().map(|v| super::liquid_budget::weigh(v, usize::MAX)).sum::<usize>();
                let len = values.len();
                values.into_iter().for_each(|value| _ = start.add(Entry::Owned(value)));
                (Rc::new(start), len, weight)
            }
        };
        let weight = before.saturating_add(weight);
        if weight > super::liquid_budget::MAX_VALUE {
            super::liquid_budget::too_heavy(self.inner.registers());
            self.held.borrow_mut().remove(name);
            self.inner.set_global(KString::from_ref(name), Value::Nil);
            return;
        }
        items.add(entry);
        let index = self.lists.add(List { items, len: len + 1, weight });
        self.held.borrow_mut().insert(KString::from_ref(name), index);
    }

    /// The site's item at `address`, if it is one, shared.
    fn item_at(&self, address: &Value) -> Option<Item> {
        let address = usize::try_from(address.as_scalar()?.to_integer()?).ok()?;
        self.site?.item_at(address).map(Item::share)
    }
}

impl<R: Runtime> Runtime for Pushed<'_, R> {
    fn partials(&self) -> &dyn PartialStore {
        self.inner.partials()
    }
    fn name(&self) -> Option<KStringRef<'_>> {
        self.inner.name()
    }
    fn roots(&self) -> BTreeSet<KStringCow<'_>> {
        let mut roots = self.inner.roots();
        roots.extend(self.held.borrow().keys().map(|name| KStringCow::from_string(name.to_string())));
        roots
    }
    fn try_get(&self, path: &[ScalarCow<'_>]) -> Option<ValueCow<'_>> {
        let list = path.first().and_then(|root| self.held(&root.to_kstr()));
        match list {
            Some(list) => liquid_core::model::try_find(list, &path[1..]),
            None => self.inner.try_get(path),
        }
    }
    fn get(&self, path: &[ScalarCow<'_>]) -> liquid_core::Result<ValueCow<'_>> {
        let list = path.first().and_then(|root| self.held(&root.to_kstr()));
        match list {
            Some(list) => Ok(liquid_core::model::try_find(list, &path[1..]).unwrap_or(ValueCow::Owned(Value::Nil))),
            None => self.inner.get(path),
        }
    }
    /// Sets the variable `name`; a name [`super::liquid_push`] writes pushes instead,
    /// and answers whether it did.
    fn set_global(&self, name: KString, val: Value) -> Option<Value> {
        if let Some(list) = name.strip_prefix(PUSH_ITEM) {
            let item = self.item_at(&val)?;
            self.push(list, Entry::Shared(item));
            return Some(Value::scalar(true));
        }
        if let Some(list) = name.strip_prefix(PUSH_VALUE) {
            self.push(list, Entry::Owned(val));
            return Some(Value::scalar(true));
        }
        self.held.borrow_mut().remove(name.as_str());
        self.inner.set_global(name, val)
    }
    fn set_index(&self, name: KString, val: Value) -> Option<Value> {
        self.inner.set_index(name, val)
    }
    fn get_index<'s>(&'s self, name: &str) -> Option<ValueCow<'s>> {
        self.inner.get_index(name)
    }
    fn registers(&self) -> &Registers {
        self.inner.registers()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_keeps_its_values_in_place() {
        let store = Store::new();
        for n in 0..100 {
            assert_eq!(store.add(n), n);
        }
        assert_eq!(Store::<u8>::place(0), (0, 0));
        assert_eq!(Store::<u8>::place(2), (1, 1));
        assert_eq!(Store::<u8>::place(3), (2, 0));
        assert_eq!((0..100).map(|n| store.get(n).copied()).collect::<Option<Vec<_>>>(), Some((0..100).collect()));
        assert_eq!(store.get(100), None);
    }
}
