-- Gazetteer: districts, streets and communities of the city (used for locations and data scope).
CREATE TABLE regions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id uuid REFERENCES regions(id),
  name text NOT NULL,
  level text NOT NULL CHECK (level IN ('district', 'street', 'community')),
  code text UNIQUE
);
CREATE INDEX regions_parent ON regions(parent_id);

-- Organisation tree: hotline center, district sub-centers, bureaus, streets, communities.
CREATE TABLE departments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id uuid REFERENCES departments(id),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('center', 'district_center', 'bureau', 'street', 'community', 'enterprise')),
  phone text,
  duty_scope text,
  region_id uuid REFERENCES regions(id),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX departments_parent ON departments(parent_id);
CREATE UNIQUE INDEX departments_name_parent ON departments(coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), name);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role text NOT NULL,
  department_id uuid NOT NULL REFERENCES departments(id),
  password_hash text NOT NULL,
  phone text,
  extension text UNIQUE,
  active boolean NOT NULL DEFAULT true,
  failed_logins int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked boolean NOT NULL DEFAULT false
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  role text NOT NULL,
  department_id uuid NOT NULL REFERENCES departments(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- Three-level appeal category tree (一级/二级/三级分类).
CREATE TABLE categories (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id uuid REFERENCES categories(id),
  name text NOT NULL,
  level int NOT NULL CHECK (level BETWEEN 1 AND 3),
  full_name text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  sort int NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX categories_name_parent ON categories(coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), name);

-- 派单目录: which department handles a category, optionally per district. Most specific entry wins.
CREATE TABLE dispatch_catalogue (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  category_id uuid NOT NULL REFERENCES categories(id),
  region_id uuid REFERENCES regions(id),
  department_id uuid NOT NULL REFERENCES departments(id),
  assisting_department_ids uuid[] NOT NULL DEFAULT '{}',
  priority int NOT NULL DEFAULT 100,
  note text
);
CREATE INDEX dispatch_catalogue_category ON dispatch_catalogue(category_id);

CREATE TABLE deadline_rules (
  type text NOT NULL,
  urgency text NOT NULL,
  accept_hours real NOT NULL,
  handle_amount real NOT NULL,
  handle_unit text NOT NULL CHECK (handle_unit IN ('workdays', 'hours')),
  warn_ratio real NOT NULL DEFAULT 0.8,
  PRIMARY KEY (type, urgency)
);

-- Public holidays and make-up workdays (调休), Asia/Shanghai dates.
CREATE TABLE holidays (
  date date PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name text NOT NULL
);

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);
