import unittest
from toposort import topo_order, has_cycle


class TopoTest(unittest.TestCase):
    def test_chain(self):
        self.assertEqual(topo_order({"c": ["b"], "b": ["a"]}), ["a", "b", "c"])

    def test_diamond(self):
        order = topo_order({"d": ["b", "c"], "b": ["a"], "c": ["a"]})
        self.assertEqual(order, ["a", "b", "c", "d"])

    def test_independent_sorted(self):
        self.assertEqual(topo_order({"z": [], "y": [], "x": []}), ["x", "y", "z"])

    def test_cycle(self):
        with self.assertRaises(ValueError):
            topo_order({"a": ["b"], "b": ["a"]})
        self.assertTrue(has_cycle({"a": ["a"]}))

    def test_no_cycle(self):
        self.assertFalse(has_cycle({"app": ["lib", "util"], "lib": ["util"]}))

    def test_respects_deps(self):
        deps = {"e": ["d", "b"], "d": ["c"], "c": ["a"], "b": ["a"]}
        order = topo_order(deps)
        for node, reqs in deps.items():
            for r in reqs:
                self.assertLess(order.index(r), order.index(node))
