package meridian.checker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tarjan's strongly connected components, iterative (an explicit call stack: a history's graph may
 * be a path of 10^5 nodes, deeper than the thread's stack), {@code O(V + E)}. Its arrays are sized
 * to the graph once and reset after each call, so searching many small components costs only their
 * size. Single-threaded.
 */
final class StronglyConnected {

  private static final int UNVISITED = -1;

  private final DependencyGraph graph;
  // Invariant between calls: index[v] == UNVISITED and !onStack[v] for every v.
  private final int[] index;
  private final int[] low;
  private final boolean[] onStack;
  private final int[] stack;
  private final int[] callNode;
  private final int[] callEdge;

  StronglyConnected(DependencyGraph graph) {
    this.graph = graph;
    int n = graph.nodes();
    index = new int[n];
    Arrays.fill(index, UNVISITED);
    low = new int[n];
    onStack = new boolean[n];
    stack = new int[n];
    callNode = new int[n];
    callEdge = new int[n];
  }

  /**
   * The components that hold a cycle (two nodes or more: the graph has no self-loops) of the
   * subgraph of {@code nodes} (each with {@code group[v] == id}) and the edges among them whose kind
   * is in {@code kinds}. Each component is sorted; they come in the order Tarjan closes them.
   */
  List<int[]> cyclic(int[] nodes, int[] group, int id, int kinds) {
    List<int[]> components = new ArrayList<>();
    int counter = 0;
    int top = 0; // stack size
    for (int root : nodes) {
      if (index[root] != UNVISITED) {
        continue;
      }
      int depth = 0;
      index[root] = low[root] = counter++;
      stack[top++] = root;
      onStack[root] = true;
      callNode[depth] = root;
      callEdge[depth++] = graph.firstEdge(root);
      while (depth > 0) {
        int v = callNode[depth - 1];
        int e = callEdge[depth - 1];
        int end = graph.endEdge(v);
        int child = UNVISITED;
        for (; e < end; e++) {
          int w = graph.target(e);
          if (!graph.allowed(e, kinds) || group[w] != id) {
            continue;
          }
          if (index[w] == UNVISITED) {
            child = w;
            break;
          }
          if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
        }
        if (child != UNVISITED) {
          callEdge[depth - 1] = e + 1;
          index[child] = low[child] = counter++;
          stack[top++] = child;
          onStack[child] = true;
          callNode[depth] = child;
          callEdge[depth++] = graph.firstEdge(child);
          continue;
        }
        depth--;
        if (low[v] == index[v]) {
          int from = top;
          do {
            onStack[stack[--from]] = false;
          } while (stack[from] != v);
          if (top - from >= 2) {
            int[] component = Arrays.copyOfRange(stack, from, top);
            Arrays.sort(component);
            components.add(component);
          }
          top = from;
        }
        if (depth > 0) {
          int parent = callNode[depth - 1];
          low[parent] = Math.min(low[parent], low[v]);
        }
      }
    }
    for (int v : nodes) {
      index[v] = UNVISITED;
    }
    return components;
  }
}
