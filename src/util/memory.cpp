#include "util/memory.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>

namespace quarterdeck {

void advise_huge_pages(const void* data, std::size_t bytes) noexcept {
  constexpr std::size_t k_smallest = std::size_t{8} << 20;  // below it, faults cost little
  if (data == nullptr || bytes < k_smallest) return;
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto from = (reinterpret_cast<std::uintptr_t>(data) + page - 1) & ~(page - 1);
  const auto to = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(page - 1);
  if (to <= from) return;
  // Advice only: an error (no THP in this kernel) leaves ordinary pages.
  (void)::madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
}

}  // namespace quarterdeck
