-- Grain state behind Orleans' IGrainStorage (PostgresGrainStorage): one jsonb row per grain and state name.
-- version is the ETag. It starts at 1 and every write or clear adds one, checked in the writing statement itself, so a
-- writer holding an old ETag can never commit. A clear keeps the row as a tombstone (data null) instead of deleting it:
-- the version then never goes back to 1, and a writer still holding an ETag from before the clear cannot match a row
-- that was recreated after it.
create table grain_state (
    grain_type text not null,
    grain_key  text not null,
    state_name text not null,
    version    bigint not null check (version > 0),
    data       jsonb null,
    written_at timestamptz not null default now(),
    primary key (grain_type, grain_key, state_name)
);
