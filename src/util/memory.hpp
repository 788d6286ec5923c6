// Advice to the kernel about large buffers.
#pragma once

#include <cstddef>

namespace quarterdeck {

// Asks for transparent huge pages (2 MiB) behind the pages of a buffer of
// `bytes` at `data` that has not been written yet, so that filling it costs
// one page fault per 2 MiB instead of one per 4 KiB: reading a journal of a
// million transactions took over 100,000 faults, a quarter of its time
// (docs/benchmarks.md). Only buffers of several MiB are advised; the advice
// is ignored where the kernel has huge pages turned off. It changes neither
// the buffer's content nor what the program computes.
void advise_huge_pages(const void* data, std::size_t bytes) noexcept;

}  // namespace quarterdeck
