"""Money: fees and the sliding scale, payments and receipts, the cash desk."""
