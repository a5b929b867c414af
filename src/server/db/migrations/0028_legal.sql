CREATE TABLE "gazette_issues" (
	"id" uuid PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"number_from" integer NOT NULL,
	"number_to" integer NOT NULL,
	"issue_date" date NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"pdf_sha256" text,
	"pdf_size" bigint,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gazette_issues_range_ck" CHECK ("gazette_issues"."number_to" >= "gazette_issues"."number_from" AND "gazette_issues"."number_from" > 0),
	CONSTRAINT "gazette_issues_state_ck" CHECK ("gazette_issues"."state" IN ('draft','published'))
);
--> statement-breakpoint
CREATE TABLE "gazette_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"legal_document_id" uuid NOT NULL,
	"submitted_by_agency_id" uuid NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"received_at" timestamp with time zone,
	"issue_id" uuid,
	"position" integer,
	"return_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gazette_items_state_ck" CHECK ("gazette_items"."state" IN ('submitted','accepted','placed','published','returned'))
);
--> statement-breakpoint
CREATE TABLE "gazette_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"office_agency_id" uuid NOT NULL,
	"title" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_copies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"number_notation" text NOT NULL,
	"form" text NOT NULL,
	"legal_document_id" uuid,
	"document_id" uuid,
	"outgoing_document_id" uuid,
	"excerpt" text,
	"recipients" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_copies_form_ck" CHECK ("legal_copies"."form" IN ('sao_y','sao_luc','trich_sao')),
	CONSTRAINT "legal_copies_source_ck" CHECK ("legal_copies"."legal_document_id" IS NOT NULL OR "legal_copies"."document_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "legal_document_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"legal_document_id" uuid NOT NULL,
	"role" text DEFAULT 'main' NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" bigint NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"origin" text NOT NULL,
	"number_notation" text NOT NULL,
	"number_norm" text GENERATED ALWAYS AS (lt_norm(number_notation)) STORED,
	"type_code" text NOT NULL,
	"issuer_id" uuid NOT NULL,
	"signer_name" text,
	"signer_title" text,
	"title" text NOT NULL,
	"issued_date" date NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"scope" text,
	"sector" text,
	"field_code" integer,
	"gazette_issue_id" uuid,
	"gazette_source" text,
	"gazette_date" date,
	"summary" text,
	"full_text" text,
	"text_source" text,
	"declared_status" text,
	"declared_from" date,
	"declared_by_id" uuid,
	"status_now" text DEFAULT 'in_force' NOT NULL,
	"status_as_of" date,
	"source_document_id" uuid,
	"import_batch_id" uuid,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', regexp_replace(lt_norm(number_notation || ' ' || title || ' ' || coalesce(summary, '') || ' ' || coalesce(left(full_text, 200000), '')), '[^a-z0-9]+', ' ', 'g'))) STORED,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_documents_origin_ck" CHECK ("legal_documents"."origin" IN ('central','local')),
	CONSTRAINT "legal_documents_effect_ck" CHECK ("legal_documents"."effective_from" >= "legal_documents"."issued_date"),
	CONSTRAINT "legal_documents_expiry_ck" CHECK ("legal_documents"."effective_to" IS NULL OR "legal_documents"."effective_to" > "legal_documents"."effective_from"),
	CONSTRAINT "legal_documents_field_ck" CHECK ("legal_documents"."field_code" IS NULL OR "legal_documents"."field_code" BETWEEN 1 AND 27)
);
--> statement-breakpoint
CREATE TABLE "legal_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"state" text NOT NULL,
	"mapping" jsonb,
	"rows" integer DEFAULT 0 NOT NULL,
	"errors" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_issuers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_norm" text GENERATED ALWAYS AS (lt_norm(name)) STORED,
	"level" text NOT NULL,
	"agency_id" uuid,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_issuers_code_unique" UNIQUE("code"),
	CONSTRAINT "legal_issuers_level_ck" CHECK ("legal_issuers"."level" IN ('central','local'))
);
--> statement-breakpoint
CREATE TABLE "legal_relations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"source_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"articles" text,
	"effective_date" date,
	"ends_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_relations_self_ck" CHECK ("legal_relations"."source_id" <> "legal_relations"."target_id")
);
--> statement-breakpoint
ALTER TABLE "gazette_issues" ADD CONSTRAINT "gazette_issues_published_by_people_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gazette_issues" ADD CONSTRAINT "gazette_issues_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gazette_items" ADD CONSTRAINT "gazette_items_legal_document_id_legal_documents_id_fk" FOREIGN KEY ("legal_document_id") REFERENCES "public"."legal_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gazette_items" ADD CONSTRAINT "gazette_items_submitted_by_agency_id_agencies_id_fk" FOREIGN KEY ("submitted_by_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gazette_items" ADD CONSTRAINT "gazette_items_submitted_by_people_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gazette_items" ADD CONSTRAINT "gazette_items_issue_id_gazette_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."gazette_issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gazette_settings" ADD CONSTRAINT "gazette_settings_office_agency_id_agencies_id_fk" FOREIGN KEY ("office_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_copies" ADD CONSTRAINT "legal_copies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_copies" ADD CONSTRAINT "legal_copies_legal_document_id_legal_documents_id_fk" FOREIGN KEY ("legal_document_id") REFERENCES "public"."legal_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_copies" ADD CONSTRAINT "legal_copies_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_copies" ADD CONSTRAINT "legal_copies_outgoing_document_id_documents_id_fk" FOREIGN KEY ("outgoing_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_copies" ADD CONSTRAINT "legal_copies_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_document_files" ADD CONSTRAINT "legal_document_files_legal_document_id_legal_documents_id_fk" FOREIGN KEY ("legal_document_id") REFERENCES "public"."legal_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_document_files" ADD CONSTRAINT "legal_document_files_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_documents" ADD CONSTRAINT "legal_documents_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_documents" ADD CONSTRAINT "legal_documents_issuer_id_legal_issuers_id_fk" FOREIGN KEY ("issuer_id") REFERENCES "public"."legal_issuers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_documents" ADD CONSTRAINT "legal_documents_gazette_issue_id_gazette_issues_id_fk" FOREIGN KEY ("gazette_issue_id") REFERENCES "public"."gazette_issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_documents" ADD CONSTRAINT "legal_documents_declared_by_id_legal_documents_id_fk" FOREIGN KEY ("declared_by_id") REFERENCES "public"."legal_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_documents" ADD CONSTRAINT "legal_documents_source_document_id_documents_id_fk" FOREIGN KEY ("source_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_documents" ADD CONSTRAINT "legal_documents_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_imports" ADD CONSTRAINT "legal_imports_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_imports" ADD CONSTRAINT "legal_imports_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_issuers" ADD CONSTRAINT "legal_issuers_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_relations" ADD CONSTRAINT "legal_relations_source_id_legal_documents_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."legal_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_relations" ADD CONSTRAINT "legal_relations_target_id_legal_documents_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."legal_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_relations" ADD CONSTRAINT "legal_relations_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "gazette_issues_from_uq" ON "gazette_issues" USING btree ("year","number_from");--> statement-breakpoint
CREATE UNIQUE INDEX "gazette_issues_to_uq" ON "gazette_issues" USING btree ("year","number_to");--> statement-breakpoint
CREATE INDEX "gazette_issues_list_idx" ON "gazette_issues" USING btree ("state","issue_date","id");--> statement-breakpoint
CREATE UNIQUE INDEX "gazette_items_document_uq" ON "gazette_items" USING btree ("legal_document_id") WHERE state <> 'returned';--> statement-breakpoint
CREATE INDEX "gazette_items_state_idx" ON "gazette_items" USING btree ("state","submitted_at");--> statement-breakpoint
CREATE INDEX "gazette_items_issue_idx" ON "gazette_items" USING btree ("issue_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_copies_number_uq" ON "legal_copies" USING btree ("agency_id","year","number");--> statement-breakpoint
CREATE INDEX "legal_copies_legal_idx" ON "legal_copies" USING btree ("legal_document_id","created_at");--> statement-breakpoint
CREATE INDEX "legal_copies_document_idx" ON "legal_copies" USING btree ("document_id","created_at");--> statement-breakpoint
CREATE INDEX "legal_document_files_doc_idx" ON "legal_document_files" USING btree ("legal_document_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_documents_number_uq" ON "legal_documents" USING btree ("number_norm","issuer_id");--> statement-breakpoint
CREATE INDEX "legal_documents_search_idx" ON "legal_documents" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "legal_documents_number_trgm_idx" ON "legal_documents" USING gin (number_norm gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "legal_documents_issued_idx" ON "legal_documents" USING btree ("issued_date","id");--> statement-breakpoint
CREATE INDEX "legal_documents_type_idx" ON "legal_documents" USING btree ("type_code","issued_date","id");--> statement-breakpoint
CREATE INDEX "legal_documents_issuer_idx" ON "legal_documents" USING btree ("issuer_id","issued_date","id");--> statement-breakpoint
CREATE INDEX "legal_documents_status_idx" ON "legal_documents" USING btree ("status_now","issued_date","id");--> statement-breakpoint
CREATE INDEX "legal_documents_agency_idx" ON "legal_documents" USING btree ("agency_id","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_issuers_name_norm_uq" ON "legal_issuers" USING btree ("name_norm");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_relations_uq" ON "legal_relations" USING btree ("source_id","kind","target_id");--> statement-breakpoint
CREATE INDEX "legal_relations_target_idx" ON "legal_relations" USING btree ("target_id","kind");--> statement-breakpoint
-- The central issuing bodies every installation knows (src/shared/legal/catalogue.ts).
INSERT INTO "legal_issuers" ("id", "code", "name", "level", "sort_order") VALUES
  (gen_random_uuid(), 'quoc_hoi', 'Quốc hội', 'central', 1),
  (gen_random_uuid(), 'ubtvqh', 'Ủy ban Thường vụ Quốc hội', 'central', 2),
  (gen_random_uuid(), 'chu_tich_nuoc', 'Chủ tịch nước', 'central', 3),
  (gen_random_uuid(), 'chinh_phu', 'Chính phủ', 'central', 4),
  (gen_random_uuid(), 'thu_tuong', 'Thủ tướng Chính phủ', 'central', 5),
  (gen_random_uuid(), 'bo_noi_vu', 'Bộ Nội vụ', 'central', 6),
  (gen_random_uuid(), 'bo_tai_chinh', 'Bộ Tài chính', 'central', 7),
  (gen_random_uuid(), 'bo_tu_phap', 'Bộ Tư pháp', 'central', 8),
  (gen_random_uuid(), 'bo_cong_an', 'Bộ Công an', 'central', 9),
  (gen_random_uuid(), 'bo_quoc_phong', 'Bộ Quốc phòng', 'central', 10),
  (gen_random_uuid(), 'bo_ngoai_giao', 'Bộ Ngoại giao', 'central', 11),
  (gen_random_uuid(), 'bo_cong_thuong', 'Bộ Công Thương', 'central', 12),
  (gen_random_uuid(), 'bo_nong_nghiep_moi_truong', 'Bộ Nông nghiệp và Môi trường', 'central', 13),
  (gen_random_uuid(), 'bo_xay_dung', 'Bộ Xây dựng', 'central', 14),
  (gen_random_uuid(), 'bo_khoa_hoc_cong_nghe', 'Bộ Khoa học và Công nghệ', 'central', 15),
  (gen_random_uuid(), 'bo_giao_duc_dao_tao', 'Bộ Giáo dục và Đào tạo', 'central', 16),
  (gen_random_uuid(), 'bo_y_te', 'Bộ Y tế', 'central', 17),
  (gen_random_uuid(), 'bo_van_hoa', 'Bộ Văn hóa, Thể thao và Du lịch', 'central', 18),
  (gen_random_uuid(), 'bo_dan_toc_ton_giao', 'Bộ Dân tộc và Tôn giáo', 'central', 19),
  (gen_random_uuid(), 'ngan_hang_nha_nuoc', 'Ngân hàng Nhà nước Việt Nam', 'central', 20),
  (gen_random_uuid(), 'thanh_tra_chinh_phu', 'Thanh tra Chính phủ', 'central', 21),
  (gen_random_uuid(), 'van_phong_chinh_phu', 'Văn phòng Chính phủ', 'central', 22),
  (gen_random_uuid(), 'tand_toi_cao', 'Tòa án nhân dân tối cao', 'central', 23),
  (gen_random_uuid(), 'vksnd_toi_cao', 'Viện kiểm sát nhân dân tối cao', 'central', 24),
  (gen_random_uuid(), 'kiem_toan_nha_nuoc', 'Kiểm toán nhà nước', 'central', 25),
  (gen_random_uuid(), 'bo_thong_tin_truyen_thong', 'Bộ Thông tin và Truyền thông', 'central', 26),
  (gen_random_uuid(), 'bo_ke_hoach_dau_tu', 'Bộ Kế hoạch và Đầu tư', 'central', 27),
  (gen_random_uuid(), 'bo_lao_dong', 'Bộ Lao động - Thương binh và Xã hội', 'central', 28),
  (gen_random_uuid(), 'bo_tai_nguyen_moi_truong', 'Bộ Tài nguyên và Môi trường', 'central', 29),
  (gen_random_uuid(), 'bo_nong_nghiep', 'Bộ Nông nghiệp và Phát triển nông thôn', 'central', 30),
  (gen_random_uuid(), 'bo_giao_thong_van_tai', 'Bộ Giao thông vận tải', 'central', 31);
