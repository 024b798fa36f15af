// The fair C++ limit for one-to-all: the simplest fast Dijkstra a C++ programmer would write, not a copy
// of ours. A lazy 4-ary heap of (key, node) pairs in one array (no decrease-key: an improved node is
// pushed again and stale entries are skipped when popped), labels in one array pre-filled with infinity
// (no stamps), compiled with g++ -O2 at bench time. Same input files and output lines as csr_search.cpp:
//   graph: "CSR1" n m | uint32 firstOut[n+1] | uint32 head[m] | f64 weight[m] | f64 x[n] | f64 y[n] | f64 k
//   queries: uint32 count | count × (uint32 source, uint32 target)  (the target is ignored)
// Usage: one_to_all_lazy4 GRAPH QUERIES ; prints per source
// "sum-of-finite-labels wall-microseconds thread-cpu-microseconds" after one warm-up pass.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <limits>
#include <vector>

using u32 = uint32_t;
static const double INF = std::numeric_limits<double>::infinity();

struct Entry {
  double key;
  u32 node;
};

struct LazyQuadHeap {
  std::vector<Entry> a;
  void clear() { a.clear(); }
  bool empty() const { return a.empty(); }
  void push(double key, u32 node) {
    size_t i = a.size();
    a.push_back({key, node});
    while (i > 0) {
      size_t p = (i - 1) >> 2;
      if (a[p].key <= key) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = {key, node};
  }
  Entry pop() {
    Entry top = a[0];
    Entry last = a.back();
    a.pop_back();
    size_t n = a.size();
    if (n > 0) {
      size_t i = 0;
      for (;;) {
        size_t c = 4 * i + 1;
        if (c >= n) break;
        size_t best = c;
        size_t end = c + 4 < n ? c + 4 : n;
        for (size_t j = c + 1; j < end; j++)
          if (a[j].key < a[best].key) best = j;
        if (last.key <= a[best].key) break;
        a[i] = a[best];
        i = best;
      }
      a[i] = last;
    }
    return top;
  }
};

template <typename T> static void readInto(std::ifstream& in, std::vector<T>& v, size_t count) {
  v.resize(count);
  in.read(reinterpret_cast<char*>(v.data()), sizeof(T) * count);
}

int main(int argc, char** argv) {
  if (argc < 3) { std::fprintf(stderr, "usage: %s GRAPH QUERIES\n", argv[0]); return 2; }
  u32 n = 0, m = 0;
  std::vector<u32> firstOut, head;
  std::vector<double> w;
  {
    std::ifstream in(argv[1], std::ios::binary);
    char magic[4];
    in.read(magic, 4);
    if (!in || std::memcmp(magic, "CSR1", 4) != 0) { std::fprintf(stderr, "bad graph file %s\n", argv[1]); return 2; }
    in.read(reinterpret_cast<char*>(&n), 4);
    in.read(reinterpret_cast<char*>(&m), 4);
    readInto(in, firstOut, n + 1);
    readInto(in, head, m);
    readInto(in, w, m);
    if (!in) { std::fprintf(stderr, "truncated graph file %s\n", argv[1]); return 2; }
  }
  std::vector<u32> q;
  {
    std::ifstream in(argv[2], std::ios::binary);
    u32 count = 0;
    in.read(reinterpret_cast<char*>(&count), 4);
    readInto(in, q, 2 * (size_t)count);
    if (!in) { std::fprintf(stderr, "truncated query file %s\n", argv[2]); return 2; }
  }
  std::vector<double> dist(n);
  LazyQuadHeap heap;
  auto all = [&](u32 s) {
    std::fill(dist.begin(), dist.end(), INF);
    heap.clear();
    dist[s] = 0;
    heap.push(0, s);
    double sum = 0;
    while (!heap.empty()) {
      Entry top = heap.pop();
      if (top.key > dist[top.node]) continue;
      sum += top.key;
      for (u32 e = firstOut[top.node]; e < firstOut[top.node + 1]; e++) {
        double nd = top.key + w[e];
        u32 v = head[e];
        if (nd < dist[v]) {
          dist[v] = nd;
          heap.push(nd, v);
        }
      }
    }
    return sum;
  };
  size_t count = q.size() / 2;
  volatile double sink = 0;
  for (size_t i = 0; i < count; i++) sink = sink + all(q[2 * i]);  // warm-up pass
  auto cpuNow = []() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
  };
  for (size_t i = 0; i < count; i++) {
    double c0 = cpuNow();
    auto t0 = std::chrono::steady_clock::now();
    double c = all(q[2 * i]);
    auto t1 = std::chrono::steady_clock::now();
    double c1 = cpuNow();
    std::printf("%.17g %.3f %.3f\n", c, std::chrono::duration<double, std::micro>(t1 - t0).count(), c1 - c0);
  }
  return 0;
}
