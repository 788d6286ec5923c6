// The shared entry of the fuzz targets: AFL++ runs each binary once per
// input (no persistent mode with afl-g++), passing the input as the file
// named on the command line, or on stdin.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace quarterdeck::fuzz {

inline std::string read_all(std::FILE* f) {
  std::string out;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) out.append(buffer, n);
  return out;
}

// Reads the input and hands it to `target`; returns main's status.
template <typename Target>
int run(int argc, char** argv, Target target) {
  std::FILE* f = argc > 1 ? std::fopen(argv[1], "rb") : stdin;
  if (f == nullptr) return 1;
  const std::string input = read_all(f);
  if (f != stdin) std::fclose(f);
  target(std::string_view(input));
  return 0;
}

}  // namespace quarterdeck::fuzz
