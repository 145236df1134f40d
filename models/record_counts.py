"""Counters of related records, shared by the smart buttons of every model of the addon."""


def count_per_record(records, model_name, field_name):
    """Count the ``model_name`` records pointing at each of ``records`` through ``field_name``,
    in one grouped query: {record id: count}."""
    groups = records.env[model_name]._read_group(
        [(field_name, "in", records.ids)], [field_name], ["__count"]
    )
    return {record.id: count for record, count in groups}
