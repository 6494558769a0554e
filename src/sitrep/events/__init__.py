"""Event coding: who did what to whom, where, when, with how many dead (stage ``events``)."""
