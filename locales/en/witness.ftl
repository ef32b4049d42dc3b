# Witnessing: cities countersign each other's ledger checkpoints.
witness-witnessed-by = Witnessed by
witness-not-witnessed = Not yet countersigned by another city.
witness-link = Checkpoints of other cities this city witnessed, and any conflicts
witness-page-title = Witnessing other cities
witness-page-intro = This city countersigns the signed ledger checkpoints of the cities it follows with its own ledger key. If a city ever signs two different checkpoints for the same entry number, this city refuses to countersign and shows both here.
witness-conflicts-title = Conflicting checkpoints
witness-conflicts-intro = Each row is one city that signed two different checkpoints for the same entry number. Neither was countersigned after the conflict was found.
witness-conflicts-empty = No conflicting checkpoints have been seen.
witness-conflict-caption = { $city }, entry { $seq }: two different signed checkpoints
witness-checkpoints-title = Checkpoints received
witness-checkpoints-empty = No checkpoint from another city has been received yet.
witness-col-city = City
witness-col-version = Checkpoint
witness-col-signature = City's signature
witness-col-received = Received
witness-col-state = Our answer
witness-col-countersignature = Our countersignature
witness-first = First received
witness-second = Conflicting
witness-state = { $state ->
    [witnessed] Countersigned
    [conflicted] Conflict found: refused
   *[other] { $state }
}
