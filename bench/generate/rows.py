"""Rows inserted in batches, straight to the driver, with ids chosen here."""

from collections import Counter

from sqlalchemy import Table, func, insert, select

from intranet.extensions import db

BATCH = 10_000  # rows held before they are inserted


class Rows:
    """Rows waiting per table; inserted in batches, parent tables first, and counted.

    Each value goes through its column's own type once (JSON, UTC timestamps, enums), so it is stored
    as the app stores it; the rows then go straight to the driver (executemany on SQLite, COPY on
    PostgreSQL): SQLAlchemy's bookkeeping per row would cost more than the database's own work.
    """

    def __init__(self, connection, last_ids: dict):
        self.connection, self.last_ids = connection, last_ids
        self.pending: dict[Table, list[dict]] = {}
        self.columns: dict[Table, tuple] = {}
        self.waiting = 0
        self.written: Counter = Counter()

    def add(self, table: Table, **row) -> int | None:
        if "id" in table.c:
            self.last_ids[table.name] += 1
            row["id"] = self.last_ids[table.name]
        self.pending.setdefault(table, []).append(row)
        self.waiting += 1
        if self.waiting >= BATCH:
            self.flush()
        return row.get("id")

    def flush(self) -> None:
        for table in db.metadata.sorted_tables:
            rows = self.pending.pop(table, None)
            if rows:
                statement, names, processors = self.columns.get(table) or self.prepare(table, rows[0])
                pairs = list(zip(names, processors, strict=True))
                values = [
                    tuple(process(row[name]) if process else row[name] for name, process in pairs) for row in rows
                ]
                self.insert(statement, values)
                self.written[table.name] += len(rows)
        self.waiting = 0

    def prepare(self, table: Table, row: dict) -> tuple:
        """The statement, its columns in order and each column's bind processor."""
        dialect = self.connection.dialect
        unset = [column.name for column in table.c if column.name not in row]
        if unset:
            raise ValueError(f"every column of {table.name} needs a value here; missing {unset}")
        if dialect.name == "postgresql":
            from psycopg import sql

            names = list(row)
            columns = sql.SQL(", ").join(map(sql.Identifier, names))
            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table.name), columns)
        else:
            compiled = insert(table).compile(dialect=dialect, column_keys=list(row))
            statement, names = compiled.string, list(compiled.positiontup)
        processors = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]
        self.columns[table] = (statement, names, processors)
        return self.columns[table]

    def insert(self, statement, values: list[tuple]) -> None:
        if self.connection.dialect.name != "postgresql":
            self.connection.exec_driver_sql(statement, values)
            return
        with self.connection.connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
            for each in values:
                copy.write_row(each)


def row_counts() -> dict[str, int]:
    return {t.name: db.session.scalar(select(func.count()).select_from(t)) for t in db.metadata.sorted_tables}


def copyable(row) -> dict:
    """A selected row as keyword values for a copy: its own id is left for `Rows` to assign."""
    values = row._asdict()
    values.pop("id", None)
    return values
