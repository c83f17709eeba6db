"""The family's bookings pages, one module per group of pages.

- `your_bookings`: the list, one booking, its calendar file;
- `changes`: cancel, move to another session, answer a provider's other times;
- `waiting`: join and leave a waiting list, take up a place offered by email;
- `profile`: whether the booking's provider can read the child's one-page profile, and
  sharing it with them.

Asking for hours of support is a booking journey and pays from a personal budget, so its
pages are the checkout's (`pricing.checkout.views.hours`), at the same addresses.

`common` holds the access rule (family accounts only, everything loaded through the
signed-in family's own records) and the plain-English descriptions the pages share.
"""
