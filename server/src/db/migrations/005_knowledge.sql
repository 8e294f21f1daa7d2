-- Knowledge base (知识库): articles and agents' reply templates. An article is a chain of versions;
-- at most one version is published (live) and at most one is open (draft or in review), so an
-- edit of a live article waits for approval while the live text stays visible.
CREATE TABLE knowledge_articles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL DEFAULT 'article' CHECK (kind IN ('article', 'template')),
  created_by uuid,
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE knowledge_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  article_id uuid NOT NULL REFERENCES knowledge_articles(id) ON DELETE CASCADE,
  version int NOT NULL CHECK (version >= 1),
  -- Bumped on every save of an open version, so two editors cannot overwrite each other unseen.
  revision int NOT NULL DEFAULT 1,
  status text NOT NULL CHECK (status IN ('draft', 'reviewing', 'published', 'archived')),
  title text NOT NULL,
  summary text NOT NULL DEFAULT '',
  body text NOT NULL,
  category_id uuid REFERENCES categories(id),
  tags text[] NOT NULL DEFAULT '{}',
  audience text NOT NULL CHECK (audience IN ('public', 'internal')),
  valid_from date,
  valid_to date,
  owner_department_id uuid REFERENCES departments(id),
  -- Authors are users or integrations (API keys), so no foreign key; names are kept for history.
  author_id uuid,
  author_name text NOT NULL,
  -- Everyone who saved this version: none of them may approve it.
  contributor_ids uuid[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  submitted_at timestamptz,
  reviewer_id uuid,
  reviewer_name text,
  reviewed_at timestamptz,
  review_comment text,
  published_at timestamptz,
  archived_at timestamptz,
  -- Tokens of title, tags, summary and body (search/tokenize.ts), and of the title alone for ranking.
  search_vector tsvector NOT NULL,
  title_vector tsvector NOT NULL,
  UNIQUE (article_id, version),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX knowledge_versions_one_live ON knowledge_versions(article_id) WHERE status = 'published';
CREATE UNIQUE INDEX knowledge_versions_one_open ON knowledge_versions(article_id) WHERE status IN ('draft', 'reviewing');
CREATE INDEX knowledge_versions_search ON knowledge_versions USING gin(search_vector) WHERE status = 'published';
CREATE INDEX knowledge_versions_status ON knowledge_versions(status, updated_at DESC);

-- Query expansion: a query containing any term of a group also finds the group's other terms.
CREATE TABLE knowledge_synonyms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  terms text[] NOT NULL CHECK (cardinality(terms) BETWEEN 2 AND 20),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A starter list for every installation; administrators edit it in the knowledge admin page.
INSERT INTO knowledge_synonyms (terms) VALUES
  ('{医保,医疗保险,医疗保障}'),
  ('{社保,社会保险}'),
  ('{公积金,住房公积金}'),
  ('{居住证,暂住证}'),
  ('{户口,户籍}'),
  ('{落户,迁户口,户口迁入}'),
  ('{养老金,退休金,养老待遇}'),
  ('{低保,最低生活保障}'),
  ('{欠薪,拖欠工资,讨薪,工资拖欠}'),
  ('{物业,物业公司,物业服务企业}'),
  ('{噪音,噪声}'),
  ('{停水,断水,没水}'),
  ('{停电,断电,没电}'),
  ('{燃气,天然气,煤气}'),
  ('{营业执照,执照}'),
  ('{垃圾分类,分类投放}'),
  ('{违章,交通违法}'),
  ('{罚单,罚款通知}'),
  ('{入学,招生,上学}'),
  ('{退货,退款}'),
  ('{网约车,网络预约出租汽车}'),
  ('{电梯,升降梯}'),
  ('{工单,诉求单}'),
  ('{老年人,老人,长者}'),
  ('{电动车,电动自行车}'),
  ('{养狗,养犬}'),
  ('{补办,补领}'),
  ('{会员卡,预付卡,储值卡}'),
  ('{房产证,不动产权证}'),
  ('{七天,七日}'),
  ('{网购,网络购物,网上购物}'),
  ('{多久,时限,多长时间}'),
  ('{办完,办结}');
