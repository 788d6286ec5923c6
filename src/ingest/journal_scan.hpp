// The journal reader's inner loops: finding line ends and a posting's
// account end sixteen bytes at a time, and the map from an account as
// written to its id.
//
// Written by hand, not taken from a library: the reader calls these once or
// twice per line on lines of 20 to 40 bytes, where a call to memchr or to
// std::hash (murmur, then a node-based table) costs more than the work
// itself; measured in docs/benchmarks.md ("After issue 15"). SSE2 is part of
// every x86-64 processor; elsewhere the same functions run byte by byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace quarterdeck::journal_detail {

// The first '\n' in [p, end), or end.
inline const char* find_newline(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i nl = _mm_set1_epi8('\n');
  for (; end - p >= 16; p += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, nl)));
    if (mask != 0) return p + __builtin_ctz(mask);
  }
#endif
  for (; p < end; ++p) {
    if (*p == '\n') return p;
  }
  return end;
}

// Where a posting's account ends in `body` (which starts with the
// account): at a tab, two spaces, a space before `;` (a comment right after
// the name), or the end.
inline std::size_t account_end(std::string_view body) {
  const char* const s = body.data();
  const std::size_t n = body.size();
  std::size_t k = 0;
  const auto ends_at = [&](std::size_t i) {
    return s[i] == '\t' || (s[i] == ' ' && i + 1 < n && (s[i + 1] == ' ' || s[i + 1] == ';'));
  };
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i tab = _mm_set1_epi8('\t');
  for (; k + 16 <= n; k += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + k));
    auto mask = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(block, space), _mm_cmpeq_epi8(block, tab))));
    while (mask != 0) {
      const std::size_t i = k + static_cast<std::size_t>(__builtin_ctz(mask));
      if (ends_at(i)) return i;
      mask &= mask - 1;
    }
  }
#endif
  for (; k < n; ++k) {
    if (ends_at(k)) return k;
  }
  return n;
}

// A map from an account name as written (a view into the journal's text,
// which outlives it) to its id: open addressing, linear probing, the table
// at most half full.
class WrittenAccounts {
 public:
  const std::uint32_t* find(std::string_view name) const {
    if (slots_.empty()) return nullptr;
    const std::uint64_t h = hash(name);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.data == nullptr) return nullptr;
      if (slot.hash == h && slot.size == name.size() &&
          std::memcmp(slot.data, name.data(), name.size()) == 0)
        return &slot.id;
    }
  }

  void insert(std::string_view name, std::uint32_t id) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    place({name.data(), static_cast<std::uint32_t>(name.size()), id, hash(name)});
    ++count_;
  }

  void clear() {
    slots_.clear();
    mask_ = 0;
    count_ = 0;
  }

 private:
  struct Slot {
    const char* data = nullptr;
    std::uint32_t size = 0;
    std::uint32_t id = 0;
    std::uint64_t hash = 0;
  };

  // Eight bytes at a time, each word multiplied in (as wyhash and FxHash
  // mix); names are short and from the journal's author, not an attacker
  // who could aim at a slow probe sequence with much effect on one file.
  static std::uint64_t hash(std::string_view s) {
    constexpr std::uint64_t k = 0x9E3779B97F4A7C15ULL;
    std::uint64_t h = s.size() * k;
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      h = (h ^ w) * k;
      h ^= h >> 29;
    }
    if (i < s.size()) {
      std::uint64_t w = 0;
      std::memcpy(&w, s.data() + i, s.size() - i);
      h = (h ^ w) * k;
      h ^= h >> 29;
    }
    return h ^ (h >> 32);
  }

  void place(const Slot& slot) {
    std::size_t i = slot.hash & mask_;
    while (slots_[i].data != nullptr) i = (i + 1) & mask_;
    slots_[i] = slot;
  }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.data != nullptr) place(slot);
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t count_ = 0;
};

}  // namespace quarterdeck::journal_detail
