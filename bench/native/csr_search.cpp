// Plain C++ CSR Dijkstra / A* / one-to-all: the practical limit for the routing bench on this machine.
// Same algorithm as engine/route (indexed binary heap with decrease-key, ties by node id, epoch stamps),
// compiled with g++ -O2 by bench/routing.ts. Reads the graph and the queries written by the bench:
//   graph: "CSR1" n m | uint32 firstOut[n+1] | uint32 head[m] | f64 weight[m] | f64 x[n] | f64 y[n] | f64 k
//   queries: uint32 count | count × (uint32 source, uint32 target)
// Usage: csr_search GRAPH QUERIES MODE(dijkstra|astar|all) ; prints one line per query:
// "cost wall-microseconds thread-cpu-microseconds" (for 'all' the cost is the sum of finite labels).
// Every query runs once after one warm-up pass. CPU time (CLOCK_THREAD_CPUTIME_ID) is what the bench
// compares when the machine is shared: it does not count time spent waiting for a core.
#include <chrono>
#include <ctime>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

using u32 = uint32_t;
static const double INF = std::numeric_limits<double>::infinity();

struct Graph {
  u32 n = 0, m = 0;
  std::vector<u32> firstOut, head;
  std::vector<double> w, x, y;
  double k = 0;
};

template <typename T> static void readInto(std::ifstream& in, std::vector<T>& v, size_t count) {
  v.resize(count);
  in.read(reinterpret_cast<char*>(v.data()), sizeof(T) * count);
}

struct Heap {
  std::vector<int32_t> node, pos;
  std::vector<double> key;
  int size = 0;
  explicit Heap(u32 n) : node(n), pos(n), key(n) {}
  bool less(double ka, int na, double kb, int nb) const { return ka < kb || (ka == kb && na < nb); }
  void up(int i, int v, double kv) {
    while (i > 0) {
      int p = (i - 1) >> 1;
      if (less(key[p], node[p], kv, v)) break;
      node[i] = node[p]; key[i] = key[p]; pos[node[i]] = i; i = p;
    }
    node[i] = v; key[i] = kv; pos[v] = i;
  }
  void push(int v, double kv) { up(size++, v, kv); }
  void decrease(int v, double kv) { up(pos[v], v, kv); }
  int pop() {
    int top = node[0];
    pos[top] = -1;
    int last = --size;
    if (last > 0) {
      int v = node[last]; double kv = key[last]; int i = 0;
      for (;;) {
        int c = 2 * i + 1;
        if (c >= size) break;
        if (c + 1 < size && less(key[c + 1], node[c + 1], key[c], node[c])) c++;
        if (less(kv, v, key[c], node[c])) break;
        node[i] = node[c]; key[i] = key[c]; pos[node[i]] = i; i = c;
      }
      node[i] = v; key[i] = kv; pos[v] = i;
    }
    return top;
  }
};

struct Search {
  const Graph& g;
  std::vector<double> dist, h;
  std::vector<u32> stamp;
  u32 epoch = 0;
  Heap heap;
  explicit Search(const Graph& graph) : g(graph), dist(graph.n), h(graph.n), stamp(graph.n, 0), heap(graph.n) {}

  // Point-to-point; useH selects A* with h = k * euclid(v, t).
  double p2p(u32 s, u32 t, bool useH) {
    epoch++; heap.size = 0;
    const double tx = g.x[t], ty = g.y[t];
    auto hOf = [&](u32 v) { if (!useH) return 0.0; double dx = g.x[v] - tx, dy = g.y[v] - ty; return g.k * std::sqrt(dx * dx + dy * dy); };
    stamp[s] = epoch; dist[s] = 0; h[s] = hOf(s); heap.push(s, h[s]);
    while (heap.size > 0) {
      int u = heap.pop();
      if ((u32)u == t) return dist[u];
      double du = dist[u];
      for (u32 e = g.firstOut[u]; e < g.firstOut[u + 1]; e++) {
        double nd = du + g.w[e];
        u32 v = g.head[e];
        if (stamp[v] != epoch) {
          if (nd == INF) continue;
          stamp[v] = epoch; dist[v] = nd; h[v] = hOf(v); heap.push(v, nd + h[v]);
        } else if (nd < dist[v] && heap.pos[v] >= 0) {
          dist[v] = nd; heap.decrease(v, nd + h[v]);
        }
      }
    }
    return INF;
  }

  // One-to-all; returns the sum of finite labels (a checksum the bench compares with its own).
  double all(u32 s) {
    epoch++; heap.size = 0;
    stamp[s] = epoch; dist[s] = 0; heap.push(s, 0);
    double sum = 0;
    while (heap.size > 0) {
      int u = heap.pop();
      double du = dist[u];
      sum += du;
      for (u32 e = g.firstOut[u]; e < g.firstOut[u + 1]; e++) {
        double nd = du + g.w[e];
        u32 v = g.head[e];
        if (stamp[v] != epoch) {
          if (nd == INF) continue;
          stamp[v] = epoch; dist[v] = nd; heap.push(v, nd);
        } else if (nd < dist[v] && heap.pos[v] >= 0) {
          dist[v] = nd; heap.decrease(v, nd);
        }
      }
    }
    return sum;
  }
};

int main(int argc, char** argv) {
  if (argc < 4) { std::fprintf(stderr, "usage: %s GRAPH QUERIES dijkstra|astar|all\n", argv[0]); return 2; }
  Graph g;
  {
    std::ifstream in(argv[1], std::ios::binary);
    char magic[4]; in.read(magic, 4);
    if (!in || std::memcmp(magic, "CSR1", 4) != 0) { std::fprintf(stderr, "bad graph file %s\n", argv[1]); return 2; }
    in.read(reinterpret_cast<char*>(&g.n), 4); in.read(reinterpret_cast<char*>(&g.m), 4);
    readInto(in, g.firstOut, g.n + 1); readInto(in, g.head, g.m); readInto(in, g.w, g.m);
    readInto(in, g.x, g.n); readInto(in, g.y, g.n); in.read(reinterpret_cast<char*>(&g.k), 8);
    if (!in) { std::fprintf(stderr, "truncated graph file %s\n", argv[1]); return 2; }
  }
  std::vector<u32> q;
  {
    std::ifstream in(argv[2], std::ios::binary);
    u32 count = 0; in.read(reinterpret_cast<char*>(&count), 4);
    readInto(in, q, 2 * (size_t)count);
    if (!in) { std::fprintf(stderr, "truncated query file %s\n", argv[2]); return 2; }
  }
  std::string mode = argv[3];
  Search search(g);
  size_t count = q.size() / 2;
  auto run = [&](size_t i) -> double {
    if (mode == "all") return search.all(q[2 * i]);
    return search.p2p(q[2 * i], q[2 * i + 1], mode == "astar");
  };
  volatile double sink = 0;
  for (size_t i = 0; i < count; i++) sink = sink + run(i);  // warm-up pass
  auto cpuNow = []() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
  };
  for (size_t i = 0; i < count; i++) {
    double c0 = cpuNow();
    auto t0 = std::chrono::steady_clock::now();
    double c = run(i);
    auto t1 = std::chrono::steady_clock::now();
    double c1 = cpuNow();
    std::printf("%.17g %.3f %.3f\n", c, std::chrono::duration<double, std::micro>(t1 - t0).count(), c1 - c0);
  }
  return 0;
}
