import unittest
from primes import sieve, is_prime, factorize


class PrimesTest(unittest.TestCase):
    def test_sieve(self):
        self.assertEqual(sieve(20), [2, 3, 5, 7, 11, 13, 17, 19])
        self.assertEqual(sieve(2), [2])
        self.assertEqual(sieve(1), [])

    def test_sieve_square(self):
        self.assertEqual(sieve(25)[-1], 23)
        self.assertNotIn(25, sieve(25))
        self.assertNotIn(49, sieve(50))

    def test_is_prime(self):
        self.assertTrue(is_prime(2))
        self.assertTrue(is_prime(97))
        self.assertFalse(is_prime(1))
        self.assertFalse(is_prime(49))

    def test_factorize(self):
        self.assertEqual(factorize(360), [2, 2, 2, 3, 3, 5])
        self.assertEqual(factorize(97), [97])
        self.assertEqual(factorize(1), [])

    def test_consistent(self):
        for n in range(2, 60):
            self.assertEqual(is_prime(n), n in sieve(60))
            prod = 1
            for f in factorize(n):
                prod *= f
            self.assertEqual(prod, n)
