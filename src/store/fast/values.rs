//! The serde side of the fast reader: how each kind of value is read, following the `ron`
//! crate's rules (the comments name where they are subtle).

use std::borrow::Cow;

use serde::de::{self, DeserializeSeed, Visitor};

use super::{Reader, Refused, Result};

macro_rules! number {
    ($($method:ident => $visit:ident: $ty:ty, $float:expr;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            let n: $ty = self.parse($float)?;
            visitor.$visit(n)
        }
    )*};
}

macro_rules! refused {
    ($($method:ident),*) => {$(
        fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
            Err(Refused)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Refused;

    // Untyped values (unknown attributes, `deserialize_any`) are the `ron` crate's to read.
    refused!(
        deserialize_any,
        deserialize_ignored_any,
        deserialize_char,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_i128,
        deserialize_u128
    );

    number! {
        deserialize_i8 => visit_i8: i8, false;
        deserialize_i16 => visit_i16: i16, false;
        deserialize_i32 => visit_i32: i32, false;
        deserialize_i64 => visit_i64: i64, false;
        deserialize_u8 => visit_u8: u8, false;
        deserialize_u16 => visit_u16: u16, false;
        deserialize_u32 => visit_u32: u32, false;
        deserialize_u64 => visit_u64: u64, false;
        deserialize_f32 => visit_f32: f32, true;
        deserialize_f64 => visit_f64: f64, true;
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.word("true")? {
            visitor.visit_bool(true)
        } else if self.word("false")? {
            visitor.visit_bool(false)
        } else {
            Err(Refused)
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.string()? {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.word("None")? {
            return visitor.visit_none();
        }
        let at = self.at;
        if self.word("Some")? {
            self.ws()?;
            if self.eat(b'(') {
                self.ws()?;
                self.newtype_variant = true;
                let value = self.nested(|r| visitor.visit_some(&mut *r))?;
                self.newtype_variant = false;
                self.comma()?;
                self.expect(b')')?;
                return Ok(value);
            }
            // `Some` not followed by `(`: the `ron` crate reads on from after it (an implicit
            // `Some` of whatever follows); too rare to follow here.
            self.at = at;
            return Err(Refused);
        }
        self.nested(|r| visitor.visit_some(&mut *r))
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.newtype_variant || self.src[self.at..].starts_with(b"()") {
            if !self.newtype_variant {
                self.at += 2;
            }
            self.newtype_variant = false;
            visitor.visit_unit()
        } else {
            Err(Refused)
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> Result<V::Value> {
        self.no_struct_name()?;
        self.deserialize_unit(v)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        if self.newtype_variant {
            self.newtype_variant = false;
            return self.nested(|r| visitor.visit_newtype_struct(&mut *r));
        }
        self.no_struct_name()?;
        self.expect(b'(')?;
        self.ws()?;
        let value = self.nested(|r| visitor.visit_newtype_struct(&mut *r))?;
        self.comma()?;
        self.expect(b')')?;
        Ok(value)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.bracketed((b'[', b']'), |r| {
            visitor.visit_seq(Items::new(r, b']', false))
        })
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value> {
        self.parenthesised(|r| visitor.visit_seq(Items::new(r, b')', false)))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        if !self.newtype_variant {
            self.no_struct_name()?;
        }
        self.deserialize_tuple(len, visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.bracketed((b'{', b'}'), |r| {
            visitor.visit_map(Items::new(r, b'}', false))
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        if !self.newtype_variant {
            self.no_struct_name()?;
        }
        self.ws()?;
        self.struct_body(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.newtype_variant = false;
        self.nested(|r| visitor.visit_enum(r))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.ident()?)
    }
}

/// The items of a list, the attributes of a block or the entries of a map, up to `end`.
pub(super) struct Items<'r, 'de> {
    reader: &'r mut Reader<'de>,
    end: u8,
    /// Attribute names are identifiers, map keys values.
    named: bool,
    had_comma: bool,
    /// The list whose second half another thread reads.
    split: bool,
}

impl<'r, 'de> Items<'r, 'de> {
    pub(super) fn new(reader: &'r mut Reader<'de>, end: u8, named: bool) -> Self {
        let split = end == b']' && reader.splits_here();
        Items {
            reader,
            end,
            named,
            had_comma: true,
            split,
        }
    }

    fn has_item(&mut self) -> Result<bool> {
        self.reader.ws()?;
        if self.split && self.had_comma {
            self.reader.jump_over_second_half();
        }
        let at_end = self.reader.peek() == Some(self.end);
        match (self.had_comma, at_end) {
            (true, at_end) => Ok(!at_end),
            (false, true) => Ok(false),
            (false, false) => Err(Refused),
        }
    }
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = Refused;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if !self.has_item()? {
            return Ok(None);
        }
        let value = self.reader.nested(|r| seed.deserialize(&mut *r))?;
        self.had_comma = self.reader.comma()?;
        Ok(Some(value))
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = Refused;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !self.has_item()? {
            return Ok(None);
        }
        let key = if self.named {
            let name = self.reader.ident()?;
            self.reader.key = name;
            seed.deserialize(de::value::BorrowedStrDeserializer::<Refused>::new(name))?
        } else {
            self.reader.nested(|r| seed.deserialize(&mut *r))?
        };
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.reader.ws()?;
        self.reader.expect(b':')?;
        self.reader.ws()?;
        let value = self.reader.nested(|r| seed.deserialize(&mut *r))?;
        self.had_comma = self.reader.comma()?;
        Ok(value)
    }
}

impl<'de> de::EnumAccess<'de> for &mut Reader<'de> {
    type Error = Refused;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        self.ws()?;
        let value = seed.deserialize(&mut *self)?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for &mut Reader<'de> {
    type Error = Refused;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        self.ws()?;
        self.expect(b'(')?;
        self.ws()?;
        self.newtype_variant = true;
        let value = self.nested(|r| seed.deserialize(&mut *r))?;
        self.newtype_variant = false;
        self.comma()?;
        self.expect(b')')?;
        Ok(value)
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value> {
        self.ws()?;
        de::Deserializer::deserialize_tuple(self, len, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.ws()?;
        self.struct_body(visitor)
    }
}
