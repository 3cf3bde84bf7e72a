import unittest
from pathnorm import normalize, join, split_ext, relative


class PathTest(unittest.TestCase):
    def test_normalize(self):
        self.assertEqual(normalize("/a/./b/../c/"), "/a/c")
        self.assertEqual(normalize("a/../../b"), "../b")
        self.assertEqual(normalize("/../x"), "/x")
        self.assertEqual(normalize("./"), ".")

    def test_join(self):
        self.assertEqual(join("a", "b", "c"), "a/b/c")
        self.assertEqual(join("a/", "b"), "a/b")
        self.assertEqual(join("a", "/abs", "x"), "/abs/x")

    def test_split_ext(self):
        self.assertEqual(split_ext("dir/file.tar.gz"), ("dir/file.tar", ".gz"))
        self.assertEqual(split_ext("dir.d/.bashrc"), ("dir.d/.bashrc", ""))
        self.assertEqual(split_ext("noext"), ("noext", ""))

    def test_relative(self):
        self.assertEqual(relative("/a/b/c", "/a/x"), "../b/c")
        self.assertEqual(relative("/a/b", "/a/b"), ".")
        self.assertEqual(relative("/a/b/c/d", "/a/b"), "c/d")

    def test_relative_root_and_dots(self):
        self.assertEqual(normalize("//x//y/"), "/x/y")
        self.assertEqual(join("", "a"), "a")
        self.assertEqual(relative("/x", "/a/b"), "../../x")
