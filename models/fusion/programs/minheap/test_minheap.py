import unittest
from minheap import MinHeap, heap_sort


class MinHeapTest(unittest.TestCase):
    def test_pop_order(self):
        h = MinHeap([5, 1, 4])
        self.assertEqual(h.pop(), 1)
        self.assertEqual(h.pop(), 4)
        self.assertEqual(h.pop(), 5)

    def test_empty(self):
        with self.assertRaises(IndexError):
            MinHeap().pop()

    def test_len(self):
        h = MinHeap([3, 3, 1])
        self.assertEqual(len(h), 3)
        h.pop()
        self.assertEqual(len(h), 2)

    def test_heap_sort(self):
        self.assertEqual(heap_sort([9, 2, 7, 1, 8, 2, 6]), [1, 2, 2, 6, 7, 8, 9])
        self.assertEqual(heap_sort([]), [])

    def test_many(self):
        values = [(i * 37) % 101 for i in range(60)]
        self.assertEqual(heap_sort(values), sorted(values))
