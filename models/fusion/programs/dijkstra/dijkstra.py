"""Dijkstra's shortest paths on graphs with non-negative edge weights."""
import heapq


def shortest(graph, source):
    """graph: {node: [(neighbour, weight), ...]} -> (dist, prev)."""
    dist = {source: 0}
    prev = {}
    heap = [(0, source)]
    done = set()
    while heap:
        d, node = heapq.heappop(heap)
        if node in done:
            continue
        done.add(node)
        for nxt, w in graph.get(node, []):
            if w < 0:
                raise ValueError("negative weight")
            nd = d + w
            if nxt not in dist or nd < dist[nxt]:
                dist[nxt] = nd
                prev[nxt] = node
                heapq.heappush(heap, (nd, nxt))
    return dist, prev


def path(graph, source, target):
    dist, prev = shortest(graph, source)
    if target not in dist:
        return None, float("inf")
    nodes = [target]
    while nodes[-1] != source:
        nodes.append(prev[nodes[-1]])
    return nodes[::-1], dist[target]
