//! argon2's working memory (19 MiB at the defaults), kept by a hasher and reused for every
//! hash it computes.
//!
//! On Linux the buffer is taken straight from the kernel and backed by transparent huge pages
//! where the system offers them: a fresh buffer otherwise costs ~4,900 page faults, which
//! made one login take two hashes' time. Argon2 writes every block before reading it, and
//! fresh anonymous pages are zero, so no initialising pass is needed either. Everywhere else
//! (macOS, the BSDs, or Linux built with the `portable-arena` feature), and whenever the
//! kernel refuses the mapping, it is an ordinary vector: the portable path, always compiled.

use argon2::Block;

/// A buffer of argon2 blocks.
pub(crate) struct Arena {
    buf: Buf,
}

enum Buf {
    #[cfg(all(target_os = "linux", not(feature = "portable-arena")))]
    Mapped(huge::Mapping),
    Heap(Vec<Block>),
}

impl Default for Arena {
    fn default() -> Self {
        Arena::heap(0)
    }
}

impl Arena {
    /// `len` blocks in the platform's best memory: huge pages on Linux, else the heap.
    pub(crate) fn new(len: usize) -> Arena {
        #[cfg(all(target_os = "linux", not(feature = "portable-arena")))]
        if let Some(m) = huge::Mapping::new(len) {
            return Arena {
                buf: Buf::Mapped(m),
            };
        }
        Arena::heap(len)
    }

    /// `len` zeroed blocks on the heap: the portable buffer.
    pub(crate) fn heap(len: usize) -> Arena {
        Arena {
            buf: Buf::Heap(vec![Block::default(); len]),
        }
    }

    /// The number of blocks.
    pub(crate) fn len(&self) -> usize {
        match &self.buf {
            #[cfg(all(target_os = "linux", not(feature = "portable-arena")))]
            Buf::Mapped(m) => m.len(),
            Buf::Heap(v) => v.len(),
        }
    }

    /// The blocks, for argon2 to work in.
    pub(crate) fn as_mut_slice(&mut self) -> &mut [Block] {
        match &mut self.buf {
            #[cfg(all(target_os = "linux", not(feature = "portable-arena")))]
            Buf::Mapped(m) => m.as_mut_slice(),
            Buf::Heap(v) => v,
        }
    }

    /// Whether the buffer is a kernel mapping rather than a heap vector.
    #[cfg(test)]
    pub(crate) fn is_mapped(&self) -> bool {
        !matches!(self.buf, Buf::Heap(_))
    }
}

/// Writes one word of every 4 KiB page of the buffer, so the kernel maps (and zeroes) each
/// page now rather than at the hash's first write to it. The blocks stay zero.
pub(crate) fn touch(arena: &mut Arena) {
    const BLOCKS_PER_PAGE: usize = 4096 / std::mem::size_of::<Block>();
    for block in arena
        .as_mut_slice()
        .iter_mut()
        .step_by(BLOCKS_PER_PAGE.max(1))
    {
        let word: *mut u64 = block.as_mut().as_mut_ptr();
        // SAFETY: `word` is the first word of a block of the buffer, valid and aligned; a
        // volatile write of zero keeps the compiler from dropping the store.
        unsafe { std::ptr::write_volatile(word, 0) };
    }
}

/// The Linux mapping with huge-page advice.
#[cfg(all(target_os = "linux", not(feature = "portable-arena")))]
mod huge {
    use argon2::Block;

    /// An anonymous private mapping holding `len` blocks at a huge-page boundary.
    pub(super) struct Mapping {
        ptr: *mut Block,
        len: usize,
        map: *mut libc::c_void,
        map_len: usize,
    }

    // SAFETY: the mapping is owned exclusively by its `Mapping`, like a Vec's buffer.
    unsafe impl Send for Mapping {}

    impl Mapping {
        const HUGE_PAGE: usize = 2 << 20;

        /// Maps memory for `len` blocks; `None` when the kernel refuses (or `len` is 0).
        pub(super) fn new(len: usize) -> Option<Mapping> {
            let size = len * std::mem::size_of::<Block>();
            if size == 0 {
                return None;
            }
            let map_len = size + Self::HUGE_PAGE;
            // SAFETY: an anonymous private mapping; checked for failure before use.
            let map = unsafe {
                libc::mmap(
                    std::ptr::null_mut(),
                    map_len,
                    libc::PROT_READ | libc::PROT_WRITE,
                    libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                    -1,
                    0,
                )
            };
            if map == libc::MAP_FAILED {
                return None;
            }
            let start = (map as usize + Self::HUGE_PAGE - 1) & !(Self::HUGE_PAGE - 1);
            // SAFETY: [start, start + size) lies inside the mapping (it has a huge page to
            // spare); the advice only changes how the kernel backs it and may be refused
            // harmlessly.
            unsafe {
                libc::madvise(start as *mut libc::c_void, size, libc::MADV_HUGEPAGE);
            }
            Some(Mapping {
                ptr: start as *mut Block,
                len,
                map,
                map_len,
            })
        }

        pub(super) fn len(&self) -> usize {
            self.len
        }

        pub(super) fn as_mut_slice(&mut self) -> &mut [Block] {
            // SAFETY: `ptr` is page-aligned (so aligned for Block), points at `len` blocks of
            // zero-initialised memory owned by this mapping, and Block is plain integers, for
            // which any bytes (zero included) are a valid value.
            unsafe { std::slice::from_raw_parts_mut(self.ptr, self.len) }
        }
    }

    impl Drop for Mapping {
        fn drop(&mut self) {
            // SAFETY: unmapping exactly the mapping made in `new`, once.
            unsafe {
                libc::munmap(self.map, self.map_len);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heap_arena_is_zeroed_and_sized() {
        let mut a = Arena::heap(16);
        assert_eq!(a.len(), 16);
        assert!(!a.is_mapped());
        assert!(a
            .as_mut_slice()
            .iter()
            .all(|b| b.as_ref().iter().all(|w| *w == 0)));
    }

    #[test]
    fn platform_arena_has_the_asked_size() {
        let mut a = Arena::new(64);
        assert_eq!(a.len(), 64);
        assert_eq!(a.as_mut_slice().len(), 64);
        #[cfg(all(target_os = "linux", not(feature = "portable-arena")))]
        assert!(a.is_mapped(), "Linux maps the buffer from the kernel");
        assert_eq!(Arena::new(0).len(), 0);
        assert_eq!(Arena::default().len(), 0);
    }

    #[cfg(all(target_os = "linux", not(feature = "portable-arena")))]
    #[test]
    fn touching_a_buffer_maps_every_page_of_it_and_leaves_it_zero() {
        // The resident pages of the buffer, as the kernel reports them.
        fn resident(a: &mut Arena) -> (usize, usize) {
            let blocks = a.as_mut_slice();
            let len = std::mem::size_of_val(blocks);
            let pages = len.div_ceil(4096);
            let mut vec = vec![0u8; pages];
            // SAFETY: the buffer starts on a page boundary (a huge-page one) and spans
            // `len` bytes of this mapping; `vec` has one byte per page of it.
            let rc = unsafe { libc::mincore(blocks.as_mut_ptr().cast(), len, vec.as_mut_ptr()) };
            assert_eq!(rc, 0, "mincore");
            (vec.iter().filter(|b| **b & 1 == 1).count(), pages)
        }
        let mut a = Arena::new(19 * 1024);
        assert!(a.is_mapped());
        let (before, pages) = resident(&mut a);
        assert!(before < pages, "a fresh mapping is not all resident");
        touch(&mut a);
        assert_eq!(resident(&mut a), (pages, pages));
        assert!(a
            .as_mut_slice()
            .iter()
            .all(|b| b.as_ref().iter().all(|w| *w == 0)));
    }
}
