"""Pagination that stays fast on deep pages of big lists.

Django's ``Paginator`` slices the full queryset, so page 1000 makes the database build
and throw away 25,000 rows with all their joins. ``DeferredJoinPaginator`` first pages
over primary keys only (which an index answers), then fetches the rows of that one page
with their joins: two cheap queries instead of one that grows with the page number.
"""

from django.core.paginator import Paginator


class DeferredJoinPaginator(Paginator):
    """A ``Paginator`` for ordered querysets; pages hold the same rows in the same order."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        # A row deleted between the two queries simply drops out of the page.
        by_pk = self.object_list.order_by().in_bulk(ids) if ids else {}
        return self._get_page([by_pk[pk] for pk in ids if pk in by_pk], number, self)
