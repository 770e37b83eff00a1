//! Parquet files written byte by byte (Thrift's compact protocol by hand),
//! so that a test can make one say what no writer would: a dictionary of
//! 2^31−1 entries in a few bytes, a schema group of 2^30 children, a page
//! that grows a million times, a header that lists 2^31−1 doubles at the
//! file's end, a text value cut short. Each is a few hundred bytes.
#![allow(dead_code)] // each test file uses some of these

/// What the file says that it should not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lie {
    /// Nothing: a BACI file of two rows (2022, 156 → 643, HS 010121, 1.5 and 2.5).
    None,
    /// Column `t` has a dictionary page saying it holds this many entries.
    DictionaryEntries(i32),
    /// The schema's root says it has this many columns.
    SchemaChildren(i32),
    /// The pages are Snappy-compressed, and `v`'s says it grows to this size.
    UncompressedSize(i32),
    /// `t`'s page header ends with a list of this many doubles.
    ListInHeader(i32),
    /// The row group says it has this many rows.
    Rows(i64),
    /// `k`'s second text value is cut to two bytes: the crate panics.
    TextCutShort,
}

/// Thrift's compact protocol, written.
#[derive(Default)]
struct Out {
    bytes: Vec<u8>,
    last: Vec<i16>,
}

const I32: u8 = 5;
const I64: u8 = 6;
const DOUBLE: u8 = 7;
const BINARY: u8 = 8;
const LIST: u8 = 9;
const STRUCT: u8 = 12;

impl Out {
    fn varint(&mut self, mut value: u64) {
        loop {
            let byte = (value & 0x7F) as u8;
            value >>= 7;
            if value == 0 {
                self.bytes.push(byte);
                return;
            }
            self.bytes.push(byte | 0x80);
        }
    }
    fn zigzag(&mut self, value: i64) {
        self.varint(((value << 1) ^ (value >> 63)) as u64);
    }
    fn field(&mut self, id: i16, kind: u8) {
        let last = self.last.last_mut().expect("inside a struct");
        let delta = id - *last;
        *last = id;
        if (1..=15).contains(&delta) {
            self.bytes.push(((delta as u8) << 4) | kind);
        } else {
            self.bytes.push(kind);
            self.zigzag(i64::from(id));
        }
    }
    fn i32(&mut self, id: i16, value: i32) {
        self.field(id, I32);
        self.zigzag(i64::from(value));
    }
    fn i64(&mut self, id: i16, value: i64) {
        self.field(id, I64);
        self.zigzag(value);
    }
    fn binary(&mut self, id: i16, value: &[u8]) {
        self.field(id, BINARY);
        self.varint(value.len() as u64);
        self.bytes.extend_from_slice(value);
    }
    fn list_header(&mut self, kind: u8, len: usize) {
        if len < 15 {
            self.bytes.push(((len as u8) << 4) | kind);
        } else {
            self.bytes.push(0xF0 | kind);
            self.varint(len as u64);
        }
    }
    fn begin(&mut self) {
        self.last.push(0);
    }
    fn end(&mut self) {
        self.bytes.push(0);
        self.last.pop();
    }
    fn begin_field(&mut self, id: i16) {
        self.field(id, STRUCT);
        self.begin();
    }
}

const BYTE_ARRAY: i32 = 6;
const INT32: i32 = 1;
const DOUBLE_TYPE: i32 = 5;

/// The bytes of a Snappy block holding `data` as one literal.
fn snappy_literal(data: &[u8]) -> Vec<u8> {
    let mut out = Out::default();
    out.varint(data.len() as u64);
    assert!(!data.is_empty() && data.len() <= 60);
    out.bytes.push(((data.len() - 1) as u8) << 2);
    out.bytes.extend_from_slice(data);
    out.bytes
}

/// A BACI file (`t,i,j,k,v`, two rows) that says `lie`.
pub fn baci_file(lie: Lie) -> Vec<u8> {
    let rows = 2i32;
    let snappy = matches!(lie, Lie::UncompressedSize(_));
    let mut text = Vec::new();
    for (index, code) in ["010121", "010129"].iter().enumerate() {
        if index == 1 && lie == Lie::TextCutShort {
            text.extend_from_slice(&[6, 0]);
        } else {
            text.extend_from_slice(&(code.len() as u32).to_le_bytes());
            text.extend_from_slice(code.as_bytes());
        }
    }
    let ints = |values: [i32; 2]| {
        values
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect::<Vec<u8>>()
    };
    let columns: [(&str, i32, Vec<u8>); 5] = [
        ("t", INT32, ints([2022, 2022])),
        ("i", INT32, ints([156, 156])),
        ("j", INT32, ints([643, 643])),
        ("k", BYTE_ARRAY, text),
        (
            "v",
            DOUBLE_TYPE,
            [1.5f64, 2.5].iter().flat_map(|v| v.to_le_bytes()).collect(),
        ),
    ];
    let mut file = b"PAR1".to_vec();
    // (offset of the chunk, its dictionary page's offset, its size)
    let mut chunks = Vec::new();
    for (name, _, plain) in &columns {
        let start = file.len();
        let mut dictionary_at = None;
        if *name == "t"
            && let Lie::DictionaryEntries(entries) = lie
        {
            dictionary_at = Some(start);
            let data = 2022i32.to_le_bytes();
            let mut header = Out::default();
            header.begin();
            header.i32(1, 2); // DICTIONARY_PAGE
            header.i32(2, data.len() as i32);
            header.i32(3, data.len() as i32);
            header.begin_field(7);
            header.i32(1, entries);
            header.i32(2, 0); // PLAIN
            header.end();
            header.end();
            file.extend_from_slice(&header.bytes);
            file.extend_from_slice(&data);
        }
        let data_at = file.len();
        let (data, uncompressed) = match (*name, dictionary_at) {
            // Bit width 1, a run of two zeros: the first entry twice.
            (_, Some(_)) => (vec![1, 4, 0], 3),
            _ if snappy => (snappy_literal(plain), plain.len() as i32),
            _ => (plain.clone(), plain.len() as i32),
        };
        let uncompressed = match lie {
            Lie::UncompressedSize(size) if *name == "v" => size,
            _ => uncompressed,
        };
        let mut header = Out::default();
        header.begin();
        header.i32(1, 0); // DATA_PAGE
        header.i32(2, uncompressed);
        header.i32(3, data.len() as i32);
        header.begin_field(5);
        header.i32(1, rows);
        header.i32(2, if dictionary_at.is_some() { 8 } else { 0 });
        header.i32(3, 3); // RLE
        header.i32(4, 3);
        header.end();
        if *name == "t"
            && let Lie::ListInHeader(len) = lie
        {
            header.field(15, LIST);
            header.list_header(DOUBLE, len as usize);
        } else {
            header.end();
        }
        file.extend_from_slice(&header.bytes);
        file.extend_from_slice(&data);
        chunks.push((data_at, dictionary_at, file.len() - start));
    }
    let file_rows = match lie {
        Lie::Rows(rows) => rows,
        _ => i64::from(rows),
    };
    let mut footer = Out::default();
    footer.begin();
    footer.i32(1, 1);
    footer.field(2, LIST);
    footer.list_header(STRUCT, 1 + columns.len());
    footer.begin();
    footer.binary(4, b"schema");
    footer.i32(
        5,
        match lie {
            Lie::SchemaChildren(children) => children,
            _ => columns.len() as i32,
        },
    );
    footer.end();
    for (name, physical, _) in &columns {
        footer.begin();
        footer.i32(1, *physical);
        footer.i32(3, 0); // REQUIRED
        footer.binary(4, name.as_bytes());
        if *physical == BYTE_ARRAY {
            footer.i32(6, 0); // UTF8
        }
        footer.end();
    }
    footer.i64(3, file_rows);
    footer.field(4, LIST);
    footer.list_header(STRUCT, 1);
    footer.begin();
    footer.field(1, LIST);
    footer.list_header(STRUCT, columns.len());
    let mut total = 0;
    for ((name, physical, _), (data_at, dictionary_at, size)) in columns.iter().zip(&chunks) {
        total += *size as i64;
        footer.begin();
        footer.i64(2, *data_at as i64);
        footer.begin_field(3);
        footer.i32(1, *physical);
        footer.field(2, LIST);
        footer.list_header(I32, 1);
        footer.zigzag(0);
        footer.field(3, LIST);
        footer.list_header(BINARY, 1);
        footer.varint(name.len() as u64);
        footer.bytes.extend_from_slice(name.as_bytes());
        footer.i32(4, i32::from(snappy));
        footer.i64(5, i64::from(rows));
        footer.i64(6, *size as i64);
        footer.i64(7, *size as i64);
        footer.i64(9, *data_at as i64);
        if let Some(at) = dictionary_at {
            footer.i64(11, *at as i64);
        }
        footer.end();
        footer.end();
    }
    footer.i64(2, total);
    footer.i64(3, file_rows);
    footer.end();
    footer.end();
    file.extend_from_slice(&footer.bytes);
    file.extend_from_slice(&(footer.bytes.len() as u32).to_le_bytes());
    file.extend_from_slice(b"PAR1");
    file
}
