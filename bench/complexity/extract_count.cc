// A driver for instruction counts under callgrind: complexity::extract() on one OpenAI request
// body, N times. Usage: splitpoint-complexity-count [request.json] [N]. Attribute the scanner's
// share with `callgrind_annotate --inclusive=yes` (Scanner::scan_text).
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "complexity/dataset.h"
#include "complexity/features.h"

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "bench/payloads/request.json";
  const int n = argc > 2 ? std::atoi(argv[2]) : 1000;
  std::ifstream in(path, std::ios::binary);
  const std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto req = splitpoint::complexity::parse_openai_request(body);
  if (!req.ok()) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), std::string(req.status().message()).c_str());
    return 1;
  }
  float sum = 0;
  for (int i = 0; i < n; ++i) sum += splitpoint::complexity::extract(*req)[0];
  std::printf("%d calls, checksum %g\n", n, static_cast<double>(sum));
  return 0;
}
