import unittest
from twostackqueue import Queue


class QueueTest(unittest.TestCase):
    def test_fifo(self):
        q = Queue()
        for i in range(3):
            q.push(i)
        self.assertEqual([q.pop(), q.pop(), q.pop()], [0, 1, 2])

    def test_interleaved(self):
        q = Queue()
        q.push(1)
        q.push(2)
        self.assertEqual(q.pop(), 1)
        q.push(3)
        self.assertEqual(q.pop(), 2)
        self.assertEqual(q.pop(), 3)

    def test_peek(self):
        q = Queue()
        q.push("a")
        q.push("b")
        self.assertEqual(q.peek(), "a")
        self.assertEqual(len(q), 2)

    def test_empty(self):
        q = Queue()
        with self.assertRaises(IndexError):
            q.pop()
        with self.assertRaises(IndexError):
            q.peek()

    def test_minimum(self):
        q = Queue()
        for v in (5, 2, 8):
            q.push(v)
        self.assertEqual(q.minimum(), 2)
        q.pop()
        q.pop()
        self.assertEqual(q.minimum(), 8)
