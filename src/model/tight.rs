//! Lists read from a file, kept without spare room. A reader does not know how long a list is
//! until it ends, so serde grows each vector by doubling: ten field mappings end in room for
//! sixteen. The allocator keeps a block that shrinks by less than half where it is, so
//! `shrink_to_fit` frees nothing; a copy into a vector of the exact length does. On the size
//! ladder's 200,000-flow project the spare room was 230 MB, a quarter of the loaded project.

use serde::{Deserialize, Deserializer};

/// `v` in a vector as long as it is (the same vector when it has no spare room).
pub fn tight<T>(v: Vec<T>) -> Vec<T> {
    if v.capacity() == v.len() {
        return v;
    }
    let mut exact = Vec::with_capacity(v.len());
    exact.extend(v);
    exact
}

/// Reads a list into a vector without spare room (`#[serde(deserialize_with = …)]`).
pub fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Vec::<T>::deserialize(d).map(tight)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_list_read_has_no_spare_room() {
        let text = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]";
        let mut de = serde_json::Deserializer::from_str(text);
        let v: Vec<u32> = super::list(&mut de).expect("a list");
        assert_eq!(v.len(), 10);
        assert_eq!(v.capacity(), 10);
        // Grown the way a reader grows it, then made tight.
        let mut pushed = Vec::new();
        for n in 0..10u32 {
            pushed.push(n);
        }
        assert!(pushed.capacity() > pushed.len());
        assert_eq!(super::tight(pushed).capacity(), 10);
    }
}
